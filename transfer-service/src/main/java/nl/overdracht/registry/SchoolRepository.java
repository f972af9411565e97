package nl.overdracht.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import nl.overdracht.platform.Bytea;

/**
 * The SQL of the school aggregate: {@code school} and its {@code school_certificate}s. Who may
 * change what, and which certificate may be encrypted to, is decided by {@link RegistryService}
 * and {@link SchoolDirectory}; this class only reads and writes rows.
 */
@ApplicationScoped
public class SchoolRepository {

    /** The columns {@link #schoolView} reads; {@code $2} is the time the current certificate is valid at. */
    private static final String SCHOOL_VIEW_COLUMNS = "s.id, s.name, s.region, s.status, s.accepted_profiles, "
            + "s.auth_enveloped, s.created_at, s.updated_at, cert.id AS current_certificate, "
            + "cert.not_after AS current_certificate_not_after";

    /** The join that gives {@link #SCHOOL_VIEW_COLUMNS} the current certificate of {@code s}, or nulls. */
    private static final String CURRENT_CERTIFICATE_JOIN = " LEFT JOIN LATERAL ("
            + currentCertificateRowSql("c.id, c.not_after", "s.id", "$2") + ") cert ON true";

    private static final String CERTIFICATE_VIEW_COLUMNS = "c.id, c.school_id, c.sha256, c.subject, c.key_algorithm, "
            + "c.not_before, c.not_after, c.added_at, c.revoked_at";

    /** A registered certificate not revoked and valid at the time asked, as stored. */
    record StoredCertificate(UUID id, byte[] der) {
    }

    @Inject
    Pool pool;

    /**
     * SQL for the id of the current certificate of the school named by {@code schoolColumn} at the
     * time parameter {@code nowParameter} (such as {@code $2}), as a scalar subquery: the most
     * recently added one that is not revoked and is valid at that time. For queries of other
     * packages that need it inside their own SQL.
     */
    public static String currentCertificateSql(String schoolColumn, String nowParameter) {
        return currentCertificateRowSql("c.id", schoolColumn, nowParameter);
    }

    /** The {@code columns} of the current certificate ({@link #currentCertificateSql}'s rule), as a subquery. */
    private static String currentCertificateRowSql(String columns, String schoolColumn, String nowParameter) {
        return "SELECT " + columns + " FROM school_certificate c WHERE c.school_id = " + schoolColumn
                + " AND c.revoked_at IS NULL AND c.not_before <= " + nowParameter + " AND c.not_after > "
                + nowParameter + " ORDER BY c.added_at DESC, c.id DESC LIMIT 1";
    }

    /** The school as the rest of the service needs it; empty when it is not registered. */
    Uni<Optional<SchoolDirectory.SchoolEntry>> findEntry(SqlClient client, String schoolId) {
        return client.preparedQuery("SELECT id, region, status, accepted_profiles, auth_enveloped FROM school "
                        + "WHERE id = $1")
                .execute(Tuple.of(schoolId))
                .map(rows -> first(rows, SchoolRepository::entry));
    }

    /** The school's certificates that are not revoked and valid at {@code now}, most recently added first. */
    Uni<List<StoredCertificate>> certificatesValidAt(SqlClient client, String schoolId, Instant now) {
        return client.preparedQuery("SELECT id, der FROM school_certificate WHERE school_id = $1 AND revoked_at IS NULL "
                        + "AND not_before <= $2 AND not_after > $2 ORDER BY added_at DESC, id DESC")
                .execute(Tuple.of(schoolId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> all(rows, row -> new StoredCertificate(row.getUUID("id"), row.getBuffer("der").getBytes())));
    }

    /** Inserts a school in {@code region}; false when a school with its id exists already. */
    Uni<Boolean> insert(SqlConnection tx, RegistryService.NewSchool school, String region, SchoolStatus status,
            Instant now) {
        return tx.preparedQuery("INSERT INTO school (id, name, region, status, accepted_profiles, auth_enveloped, "
                        + "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(Arrays.asList(school.id(), school.name(), region, status.name(),
                        school.acceptedProfiles().toArray(String[]::new), school.authEnvelopedData(),
                        now.atOffset(ZoneOffset.UTC))))
                .map(inserted -> inserted.rowCount() == 1);
    }

    /** Locks the school's row for the rest of {@code tx} and answers its status; empty when not in {@code region}. */
    Uni<Optional<SchoolStatus>> lockInRegion(SqlConnection tx, String schoolId, String region) {
        return tx.preparedQuery("SELECT id, status FROM school WHERE id = $1 AND region = $2 FOR UPDATE")
                .execute(Tuple.of(schoolId, region))
                .map(rows -> first(rows, row -> SchoolStatus.valueOf(row.getString("status"))));
    }

    /** Applies the fields {@code change} names; the others stay as they are. */
    Uni<Void> update(SqlConnection tx, String schoolId, RegistryService.SchoolChange change, Instant now) {
        return tx.preparedQuery("UPDATE school SET name = COALESCE($2, name), status = COALESCE($3, status), "
                        + "accepted_profiles = COALESCE($4, accepted_profiles), "
                        + "auth_enveloped = COALESCE($5, auth_enveloped), updated_at = $6 WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(schoolId, change.name().orElse(null),
                        change.status().map(Enum::name).orElse(null),
                        change.acceptedProfiles().map(list -> list.toArray(String[]::new)).orElse(null),
                        change.authEnvelopedData().orElse(null), now.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** The schools of {@code region}, by id, with their current certificate at {@code now}. */
    Uni<List<SchoolView>> listInRegion(String region, Instant now) {
        return pool.preparedQuery("SELECT " + SCHOOL_VIEW_COLUMNS + " FROM school s" + CURRENT_CERTIFICATE_JOIN
                        + " WHERE s.region = $1 ORDER BY s.id")
                .execute(Tuple.of(region, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> all(rows, SchoolRepository::schoolView));
    }

    /** The school, if it is in {@code region}, with its current certificate at {@code now}. */
    Uni<Optional<SchoolView>> findInRegion(SqlClient client, String schoolId, String region, Instant now) {
        return client.preparedQuery("SELECT " + SCHOOL_VIEW_COLUMNS + " FROM school s" + CURRENT_CERTIFICATE_JOIN
                        + " WHERE s.region = $1 AND s.id = $3")
                .execute(Tuple.of(region, now.atOffset(ZoneOffset.UTC), schoolId))
                .map(rows -> first(rows, SchoolRepository::schoolView));
    }

    /** Inserts a certificate of the school; false when the school has this certificate already. */
    Uni<Boolean> insertCertificate(SqlConnection tx, UUID id, String schoolId, PemCertificate upload, Instant now) {
        return tx.preparedQuery("INSERT INTO school_certificate (id, school_id, der, sha256, subject, key_algorithm, "
                        + "not_before, not_after, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                        + "ON CONFLICT (school_id, sha256) DO NOTHING")
                .execute(Tuple.from(Arrays.asList(id, schoolId, Bytea.of(upload.der()), Bytea.of(upload.sha256()),
                        upload.subject(), upload.keyAlgorithm(),
                        upload.certificate().getNotBefore().toInstant().atOffset(ZoneOffset.UTC),
                        upload.certificate().getNotAfter().toInstant().atOffset(ZoneOffset.UTC),
                        now.atOffset(ZoneOffset.UTC))))
                .map(inserted -> inserted.rowCount() == 1);
    }

    /**
     * Revokes the certificate at {@code now} unless it is revoked already; answers its SHA-256
     * fingerprint when this call revoked it, empty otherwise.
     */
    Uni<Optional<byte[]>> revokeCertificate(SqlConnection tx, String schoolId, UUID certificateId, Instant now) {
        return tx.preparedQuery("UPDATE school_certificate SET revoked_at = $3 "
                        + "WHERE id = $1 AND school_id = $2 AND revoked_at IS NULL RETURNING sha256")
                .execute(Tuple.of(certificateId, schoolId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> first(rows, row -> row.getBuffer("sha256").getBytes()));
    }

    /** The school's certificates, most recently added first; {@code currentId} is the one marked current. */
    Uni<List<CertificateView>> certificates(String schoolId, UUID currentId) {
        return pool.preparedQuery("SELECT " + CERTIFICATE_VIEW_COLUMNS + " FROM school_certificate c "
                        + "WHERE c.school_id = $1 ORDER BY c.added_at DESC, c.id DESC")
                .execute(Tuple.of(schoolId))
                .map(rows -> all(rows, row -> certificateView(row, currentId)));
    }

    /** One certificate of the school, marked current when it is the school's current one at {@code now}. */
    Uni<Optional<CertificateView>> certificate(SqlClient client, String schoolId, UUID certificateId, Instant now) {
        return client.preparedQuery("SELECT " + CERTIFICATE_VIEW_COLUMNS + ", ("
                        + currentCertificateSql("c.school_id", "$3") + ") AS current_certificate "
                        + "FROM school_certificate c WHERE c.id = $1 AND c.school_id = $2")
                .execute(Tuple.of(certificateId, schoolId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> first(rows, row -> certificateView(row, row.getUUID("current_certificate"))));
    }

    private static SchoolDirectory.SchoolEntry entry(Row row) {
        return new SchoolDirectory.SchoolEntry(row.getString("id"), row.getString("region"),
                SchoolStatus.valueOf(row.getString("status")),
                Set.copyOf(Arrays.asList(row.getArrayOfStrings("accepted_profiles"))), row.getBoolean("auth_enveloped"));
    }

    private static SchoolView schoolView(Row row) {
        return new SchoolView(row.getString("id"), row.getString("name"), row.getString("region"),
                SchoolStatus.valueOf(row.getString("status")), Arrays.asList(row.getArrayOfStrings("accepted_profiles")),
                row.getBoolean("auth_enveloped"), row.getUUID("current_certificate"),
                instant(row.getOffsetDateTime("current_certificate_not_after")),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }

    private static CertificateView certificateView(Row row, UUID currentId) {
        UUID id = row.getUUID("id");
        return new CertificateView(id, row.getString("school_id"),
                HexFormat.of().formatHex(row.getBuffer("sha256").getBytes()), row.getString("subject"),
                row.getString("key_algorithm"), instant(row.getOffsetDateTime("not_before")),
                instant(row.getOffsetDateTime("not_after")), instant(row.getOffsetDateTime("added_at")),
                instant(row.getOffsetDateTime("revoked_at")), id.equals(currentId));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> map) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(map.apply(rows.iterator().next()));
    }

    private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
        List<T> out = new ArrayList<>(rows.size());
        rows.forEach(row -> out.add(map.apply(row)));
        return out;
    }

    /** The regions that have a registered school, in order. */
    public Uni<List<String>> regions(SqlClient client) {
        return client.query("SELECT DISTINCT region FROM school ORDER BY region").execute()
                .map(rows -> {
                    List<String> regions = new ArrayList<>();
                    rows.forEach(row -> regions.add(row.getString("region")));
                    return regions;
                });
    }
}
