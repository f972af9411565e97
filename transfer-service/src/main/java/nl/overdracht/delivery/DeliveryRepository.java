package nl.overdracht.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import nl.overdracht.platform.Bytea;

/**
 * The SQL of delivery packages ({@code delivery_package}). Reads a school makes are scoped by that
 * school; methods that take a {@link SqlConnection} run in the caller's transaction.
 */
@ApplicationScoped
public class DeliveryRepository {

    /** What packaging needs to know of a dossier's existing package. */
    record Current(UUID certificateId, boolean hasPackage, boolean acknowledged) {
    }

    /** A package to store (or to replace the one stored). */
    record NewPackage(UUID dossierId, String receivingSchool, int revision, UUID certificateId, byte[] contentSha256,
            String mediaType, byte[] cms, byte[] packageSha256, List<String> sectionsRemoved, Instant at) {
    }

    /** A package as a download reads it; {@code cms} is null while it waits for a certificate. */
    record Stored(byte[] cms, byte[] packageSha256, String mediaType) {
    }

    /** The stored content hash and acknowledgement (null until acknowledged). */
    record ForAcknowledgement(byte[] contentSha256, JsonObject acknowledgement) {
    }

    Uni<Optional<Current>> current(SqlClient client, UUID dossierId) {
        return client.preparedQuery("SELECT certificate_id, package IS NOT NULL AS has_package, acknowledged_at "
                        + "FROM delivery_package WHERE dossier_id = $1")
                .execute(Tuple.of(dossierId))
                .map(rows -> first(rows, row -> new Current(row.getUUID("certificate_id"), row.getBoolean("has_package"),
                        row.getValue("acknowledged_at") != null)));
    }

    Uni<Void> store(SqlConnection tx, NewPackage p) {
        return tx.preparedQuery("INSERT INTO delivery_package (dossier_id, receiving_school, revision, "
                        + "certificate_id, content_sha256, media_type, package, package_sha256, sections_removed, "
                        + "created_at, packaged_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) "
                        + "ON CONFLICT (dossier_id) DO UPDATE SET revision = EXCLUDED.revision, "
                        + "certificate_id = EXCLUDED.certificate_id, content_sha256 = EXCLUDED.content_sha256, "
                        + "media_type = EXCLUDED.media_type, package = EXCLUDED.package, "
                        + "package_sha256 = EXCLUDED.package_sha256, sections_removed = EXCLUDED.sections_removed, "
                        + "packaged_at = EXCLUDED.packaged_at")
                .execute(Tuple.from(Arrays.asList(p.dossierId(), p.receivingSchool(), p.revision(), p.certificateId(),
                        Bytea.of(p.contentSha256()), p.mediaType(), Bytea.of(p.cms()), Bytea.of(p.packageSha256()),
                        p.sectionsRemoved().toArray(String[]::new), p.at().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** The package encrypted to a certificate that is no longer valid is no longer offered. */
    Uni<Void> withhold(SqlConnection tx, UUID dossierId, Instant at) {
        return tx.preparedQuery("UPDATE delivery_package SET package = NULL, package_sha256 = NULL, certificate_id = NULL, "
                        + "packaged_at = $2 WHERE dossier_id = $1")
                .execute(Tuple.of(dossierId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The school's deliveries, oldest first; {@code acknowledged} empty for both kinds. */
    Uni<List<DeliveryView>> listOf(SqlClient client, String school, Optional<Boolean> acknowledged, int limit) {
        String condition = acknowledged.map(yes -> yes ? " AND p.acknowledged_at IS NOT NULL"
                : " AND p.acknowledged_at IS NULL").orElse("");
        return client.preparedQuery("SELECT " + DeliveryView.COLUMNS + " FROM delivery_package p "
                        + "JOIN dossier d ON d.id = p.dossier_id WHERE p.receiving_school = $1" + condition
                        + " ORDER BY p.created_at, p.dossier_id LIMIT $2")
                .execute(Tuple.of(school, limit))
                .map(rows -> {
                    List<DeliveryView> out = new ArrayList<>();
                    rows.forEach(row -> out.add(DeliveryView.from(row)));
                    return out;
                });
    }

    /** The school's package, locked for the rest of {@code tx}. */
    Uni<Optional<Stored>> lockForDownload(SqlConnection tx, UUID dossierId, String school) {
        return tx.preparedQuery("SELECT package, package_sha256, media_type FROM delivery_package "
                        + "WHERE dossier_id = $1 AND receiving_school = $2 FOR UPDATE")
                .execute(Tuple.of(dossierId, school))
                .map(rows -> first(rows, row -> new Stored(bytes(row.getBuffer("package")),
                        bytes(row.getBuffer("package_sha256")), row.getString("media_type"))));
    }

    Uni<Void> markDownloaded(SqlConnection tx, UUID dossierId, Instant at) {
        return tx.preparedQuery("UPDATE delivery_package SET downloaded_at = COALESCE(downloaded_at, $2) WHERE dossier_id = $1")
                .execute(Tuple.of(dossierId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The school's package, locked for the rest of {@code tx}, as an acknowledgement reads it. */
    Uni<Optional<ForAcknowledgement>> lockForAcknowledgement(SqlConnection tx, UUID dossierId, String school) {
        return tx.preparedQuery("SELECT content_sha256, acknowledgement FROM delivery_package "
                        + "WHERE dossier_id = $1 AND receiving_school = $2 FOR UPDATE")
                .execute(Tuple.of(dossierId, school))
                .map(rows -> first(rows, row -> new ForAcknowledgement(row.getBuffer("content_sha256").getBytes(),
                        (JsonObject) row.getValue("acknowledgement"))));
    }

    Uni<Void> acknowledge(SqlConnection tx, UUID dossierId, Instant at, JsonObject acknowledgement) {
        return tx.preparedQuery("UPDATE delivery_package SET acknowledged_at = $2, acknowledgement = $3 WHERE dossier_id = $1")
                .execute(Tuple.of(dossierId, at.atOffset(ZoneOffset.UTC), acknowledgement))
                .replaceWithVoid();
    }

    Uni<Void> delete(SqlConnection tx, UUID dossierId) {
        return tx.preparedQuery("DELETE FROM delivery_package WHERE dossier_id = $1").execute(Tuple.of(dossierId))
                .replaceWithVoid();
    }

    private static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> map) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(map.apply(rows.iterator().next()));
    }

    private static byte[] bytes(Buffer buffer) {
        return buffer == null ? null : buffer.getBytes();
    }
}
