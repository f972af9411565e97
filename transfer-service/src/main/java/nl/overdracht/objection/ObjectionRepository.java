package nl.overdracht.objection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.overdracht.crypto.SealedData;
import nl.overdracht.platform.Bytea;

/** The SQL of the parents' inspections and objections; every method runs on the client or transaction it is given. */
@ApplicationScoped
public class ObjectionRepository {

    Uni<Void> insertObjection(SqlConnection tx, UUID id, UUID dossierId, boolean whole, List<String> sections,
            String objectedBy, java.time.LocalDate objectedOn, Instant at) {
        return tx.preparedQuery("INSERT INTO objection (id, dossier_id, whole, sections, objected_by, objected_on, "
                        + "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(Arrays.asList(id, dossierId, whole, sections.toArray(String[]::new), objectedBy,
                        objectedOn, at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** Withdraws an open section objection; answers whether there was one. A whole objection is not withdrawn here. */
    Uni<Boolean> withdrawSectionObjection(SqlConnection tx, UUID id, UUID dossierId, Instant at) {
        return tx.preparedQuery("UPDATE objection SET withdrawn_at = $3 WHERE id = $1 AND dossier_id = $2 "
                        + "AND withdrawn_at IS NULL AND NOT whole")
                .execute(Tuple.of(id, dossierId, at.atOffset(ZoneOffset.UTC)))
                .map(updated -> updated.rowCount() == 1);
    }

    Uni<ObjectionView> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + ObjectionView.COLUMNS + " FROM objection WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> ObjectionView.from(rows.iterator().next()));
    }

    Uni<List<ObjectionView>> listOf(SqlClient client, UUID dossierId) {
        return client.preparedQuery("SELECT " + ObjectionView.COLUMNS + " FROM objection WHERE dossier_id = $1 "
                        + "ORDER BY recorded_at, id").execute(Tuple.of(dossierId))
                .map(rows -> {
                    List<ObjectionView> out = new ArrayList<>();
                    rows.forEach(row -> out.add(ObjectionView.from(row)));
                    return out;
                });
    }

    /** The objections that still stand on a dossier. */
    Uni<ObjectionService.Standing> standing(SqlClient client, UUID dossierId) {
        return client.preparedQuery("SELECT whole, sections FROM objection WHERE dossier_id = $1 AND withdrawn_at IS NULL")
                .execute(Tuple.of(dossierId))
                .map(rows -> {
                    boolean whole = false;
                    Set<String> sections = new LinkedHashSet<>();
                    for (Row row : rows) {
                        whole |= row.getBoolean("whole");
                        sections.addAll(Arrays.asList(row.getArrayOfStrings("sections")));
                    }
                    return new ObjectionService.Standing(whole, sections);
                });
    }

    /** @param reason the parents' reason for disagreeing, sealed; null when they gave none */
    Uni<Void> insertInspection(SqlConnection tx, UUID id, UUID dossierId, java.time.LocalDate inspectedOn, boolean agreed,
            SealedData reason, Instant at) {
        return tx.preparedQuery("INSERT INTO inspection (id, dossier_id, inspected_on, agreed, reason_ciphertext, "
                        + "reason_wrapped_key, reason_key_version, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(Arrays.asList(id, dossierId, inspectedOn, agreed,
                        reason == null ? null : Bytea.of(reason.ciphertext()),
                        reason == null ? null : Bytea.of(reason.wrappedKey()),
                        reason == null ? null : reason.keyVersion(), at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** Deletes the sealed reasons of the dossier's inspections; dates and whether parents agreed stay. */
    Uni<Void> purgeInspectionReasons(SqlConnection tx, UUID dossierId) {
        return tx.preparedQuery("UPDATE inspection SET reason_ciphertext = NULL, reason_wrapped_key = NULL, "
                        + "reason_key_version = NULL WHERE dossier_id = $1")
                .execute(Tuple.of(dossierId))
                .replaceWithVoid();
    }
}
