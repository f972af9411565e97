package nl.overdracht.lifecycle;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.overdracht.crypto.SealedData;
import nl.overdracht.lifecycle.TransferState.Acknowledged;
import nl.overdracht.lifecycle.TransferState.AwaitingEnrolment;
import nl.overdracht.lifecycle.TransferState.Deliverable;
import nl.overdracht.lifecycle.TransferState.Ended;
import nl.overdracht.lifecycle.TransferState.Expired;
import nl.overdracht.lifecycle.TransferState.ObjectedEnded;
import nl.overdracht.lifecycle.TransferState.Objected;
import nl.overdracht.lifecycle.TransferState.ObjectionWindow;
import nl.overdracht.lifecycle.TransferState.Purged;
import nl.overdracht.lifecycle.TransferState.Released;
import nl.overdracht.lifecycle.TransferState.Step;
import nl.overdracht.lifecycle.TransferState.Withdrawn;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Bytea;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.registry.SchoolRepository;

/**
 * The SQL of the dossier aggregate: the {@code dossier} row and its {@code dossier_revision}s. The
 * only class that names a state inside SQL, and the one place that maps a {@link TransferState}
 * to columns ({@link #columnsOf}) and back ({@link #stateOf}). Reads a school makes are scoped by
 * that school; methods that take a {@link SqlConnection} run in the caller's transaction.
 */
@ApplicationScoped
public class DossierRepository {

    private static final String COLUMNS = "d.id, d.profile_id, d.profile_version, d.transfer_kind, d.sending_school, "
            + "d.receiving_school, d.revision, d.state, d.content_sha256, d.pupil_index, d.created_at, d.updated_at, "
            + "d.expires_at, d.enrolment_id, d.matched_at, d.window_ends_at, d.released_at, d.ended_at, d.purge_after, "
            + "d.purged_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM dossier d ";

    /** A new dossier row. */
    public record NewDossier(UUID id, String profileId, String profileVersion, String transferKind, String sendingSchool,
            String receivingSchool, byte[] pupilIndex, SealedData pupilId, byte[] contentSha256, Instant at,
            Instant expiresAt) {

        /** The row {@link #insert} writes for this dossier in {@code state}. */
        public Dossier asInserted(AwaitingEnrolment state) {
            return new Dossier(id, profileId, profileVersion, transferKind, sendingSchool, receivingSchool, 1, state,
                    contentSha256, pupilIndex, at, at, expiresAt, null, null, null);
        }
    }

    /** What a carried-out change leaves on the row, for its event and audit entry. */
    public record Changed(int revision, byte[] contentSha256) {
    }

    /** One stage of a region's delivery queue: how many released dossiers wait there, and since when. */
    public record QueueStage(String stage, long count, Instant oldestReleasedAt) {
    }

    /** The schools party to a dossier. */
    public record Parties(String sendingSchool, String receivingSchool) {
    }

    public Uni<Void> insert(SqlConnection tx, NewDossier d, AwaitingEnrolment state) {
        return tx.preparedQuery("INSERT INTO dossier (id, profile_id, profile_version, transfer_kind, sending_school, "
                        + "receiving_school, state, revision, pupil_index, pupil_id_ciphertext, pupil_id_wrapped_key, "
                        + "pupil_id_key_version, content_sha256, created_at, updated_at, expires_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $12, $13, $13, $14)")
                .execute(Tuple.from(Arrays.asList(d.id(), d.profileId(), d.profileVersion(), d.transferKind(),
                        d.sendingSchool(), d.receivingSchool(), state.name(),
                        Bytea.of(d.pupilIndex()), Bytea.of(d.pupilId().ciphertext()), Bytea.of(d.pupilId().wrappedKey()),
                        d.pupilId().keyVersion(), Bytea.of(d.contentSha256()), utc(d.at()), utc(d.expiresAt()))))
                .replaceWithVoid();
    }

    public Uni<Void> insertRevision(SqlConnection tx, UUID dossierId, int revision, SealedData sealed, int size,
            Set<String> sections, Instant at) {
        return tx.preparedQuery("INSERT INTO dossier_revision (dossier_id, revision, ciphertext, wrapped_key, key_version, "
                        + "content_sha256, size_bytes, sections, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(dossierId, revision, Bytea.of(sealed.ciphertext()),
                        Bytea.of(sealed.wrappedKey()), sealed.keyVersion(), Bytea.of(sealed.plaintextSha256()), size,
                        sections.stream().sorted().toArray(String[]::new), utc(at))))
                .replaceWithVoid();
    }

    /** Makes {@code revision} (already inserted) the dossier's current one. */
    public Uni<Void> makeCurrent(SqlConnection tx, UUID dossierId, int revision, String profileVersion,
            byte[] contentSha256) {
        return tx.preparedQuery("UPDATE dossier SET revision = $2, profile_version = $3, content_sha256 = $4 WHERE id = $1")
                .execute(Tuple.of(dossierId, revision, profileVersion, Bytea.of(contentSha256)))
                .replaceWithVoid();
    }

    /** The stored revision, sealed as it is. */
    public Uni<SealedData> revision(SqlClient client, UUID dossierId, int revision) {
        return client.preparedQuery("SELECT ciphertext, wrapped_key, key_version, content_sha256 FROM dossier_revision "
                        + "WHERE dossier_id = $1 AND revision = $2")
                .execute(Tuple.of(dossierId, revision))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new SealedData(row.getBuffer("ciphertext").getBytes(), row.getBuffer("wrapped_key").getBytes(),
                            row.getString("key_version"), row.getBuffer("content_sha256").getBytes());
                });
    }

    /** The dossier, locked for the rest of {@code tx}. */
    public Uni<Optional<Dossier>> lock(SqlConnection tx, UUID id) {
        return one(tx.preparedQuery(SELECT + "WHERE d.id = $1 FOR UPDATE").execute(Tuple.of(id)));
    }

    /** The sending school's dossier, locked for the rest of {@code tx}; empty when it is not that school's. */
    public Uni<Optional<Dossier>> lockOwn(SqlConnection tx, UUID id, String sendingSchool) {
        return one(tx.preparedQuery(SELECT + "WHERE d.id = $1 AND d.sending_school = $2 FOR UPDATE")
                .execute(Tuple.of(id, sendingSchool)));
    }

    public Uni<Optional<Dossier>> findOwn(SqlClient client, UUID id, String sendingSchool) {
        return one(client.preparedQuery(SELECT + "WHERE d.id = $1 AND d.sending_school = $2")
                .execute(Tuple.of(id, sendingSchool)));
    }

    /** The sending school's dossiers, newest first, optionally only those stored under one state name. */
    public Uni<List<Dossier>> listOwn(SqlClient client, String sendingSchool, Optional<String> stateName, int limit) {
        String sql = SELECT + "WHERE d.sending_school = $1" + (stateName.isPresent() ? " AND d.state = $3" : "")
                + " ORDER BY d.created_at DESC, d.id LIMIT $2";
        Tuple args = Tuple.of(sendingSchool, limit);
        stateName.map(TransferState::requireName).ifPresent(args::addString);
        return all(client.preparedQuery(sql).execute(args));
    }

    public Uni<Optional<Parties>> parties(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT sending_school, receiving_school FROM dossier WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Parties(
                        rows.iterator().next().getString("sending_school"),
                        rows.iterator().next().getString("receiving_school"))));
    }

    /**
     * The newest dossier of the pupil that waits for an enrolment, from {@code sendingSchool} when
     * that is named, preferring one that names {@code receivingSchool} or none; locked.
     */
    public Uni<Optional<Dossier>> lockAwaitingOfPupil(SqlConnection tx, byte[] pupilIndex, String sendingSchool,
            String receivingSchool) {
        return one(tx.preparedQuery(SELECT + "WHERE d.pupil_index = $1 AND d.state = 'AWAITING_ENROLMENT' "
                        + "AND ($2::text IS NULL OR d.sending_school = $2) "
                        + "ORDER BY (d.receiving_school IS NULL OR d.receiving_school = $3) DESC, d.created_at DESC, d.id "
                        + "LIMIT 1 FOR UPDATE")
                .execute(Tuple.of(Bytea.of(pupilIndex), sendingSchool, receivingSchool)));
    }

    /** Up to {@code limit} dossiers whose objection window closed by {@code now} (and OBJECTED ones that owe their mandatory sections), locked, skipping rows others hold. */
    public Uni<List<Dossier>> lockReleaseDue(SqlConnection tx, Instant now, int limit) {
        return lockDue(tx, "(d.state = 'OBJECTION_WINDOW' OR (d.state = 'OBJECTED' AND d.ended_at IS NULL)) "
                + "AND d.window_ends_at <= $1", now, limit);
    }

    /** Up to {@code limit} dossiers that waited for an enrolment past their expiry, locked. */
    public Uni<List<Dossier>> lockExpiryDue(SqlConnection tx, Instant now, int limit) {
        return lockDue(tx, "d.state = 'AWAITING_ENROLMENT' AND d.expires_at <= $1", now, limit);
    }

    /** Up to {@code limit} ended dossiers past their retention, locked. */
    public Uni<List<Dossier>> lockPurgeDue(SqlConnection tx, Instant now, int limit) {
        return lockDue(tx, "d.purged_at IS NULL AND d.purge_after <= $1 "
                + "AND d.state IN ('ACKNOWLEDGED', 'OBJECTED', 'WITHDRAWN', 'EXPIRED')", now, limit);
    }

    private Uni<List<Dossier>> lockDue(SqlConnection tx, String condition, Instant now, int limit) {
        return all(tx.preparedQuery(SELECT + "WHERE " + condition + " ORDER BY d.updated_at LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(utc(now), limit)));
    }

    /** Deletes the ciphertext and wrapped keys of every revision of the dossier; hashes and sizes stay. */
    public Uni<Void> purgeRevisions(SqlConnection tx, UUID id) {
        return tx.preparedQuery("UPDATE dossier_revision SET ciphertext = NULL, wrapped_key = NULL, key_version = NULL "
                        + "WHERE dossier_id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /**
     * Dossiers with delivery work to do, up to {@code limit}: released ones whose receiving school can
     * receive at {@code now} (active, accepting the profile version, with a current certificate), and
     * unacknowledged packages whose certificate is no longer the school's current one.
     */
    public Uni<List<UUID>> dueForPackaging(SqlClient client, Instant now, int limit, Optional<String> school) {
        String released = "SELECT d.id FROM dossier d JOIN school s ON s.id = d.receiving_school "
                + "WHERE d.state = 'RELEASED' AND s.status = 'ACTIVE' "
                + "AND (d.profile_id || '@' || d.profile_version) = ANY (s.accepted_profiles) "
                + "AND (" + SchoolRepository.currentCertificateSql("s.id", "$1") + ") IS NOT NULL"
                + (school.isPresent() ? " AND d.receiving_school = $3" : "");
        String stale = "SELECT p.dossier_id FROM delivery_package p JOIN dossier d ON d.id = p.dossier_id "
                + "WHERE d.state = 'DELIVERABLE' AND p.acknowledged_at IS NULL AND p.certificate_id IS DISTINCT FROM ("
                + SchoolRepository.currentCertificateSql("p.receiving_school", "$1") + ")"
                + (school.isPresent() ? " AND p.receiving_school = $3" : "");
        Tuple args = Tuple.of(utc(now), limit);
        school.ifPresent(args::addString);
        return client.preparedQuery("(" + released + ") UNION (" + stale + ") LIMIT $2").execute(args)
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                });
    }

    /** The delivery stage of a released dossier ({@code d}, its package {@code p}), as the operator queue names it. */
    private static final String DELIVERY_STAGE = "CASE WHEN p.dossier_id IS NULL THEN 'awaiting-package' "
            + "WHEN p.package IS NULL THEN 'withheld' WHEN p.downloaded_at IS NULL THEN 'awaiting-download' "
            + "ELSE 'awaiting-acknowledgement' END";

    /**
     * The region's released dossiers that wait for their receiving school, per stage: no package
     * yet, package withheld, not downloaded, not acknowledged. Counts and times only.
     */
    public Uni<List<QueueStage>> deliveryQueue(SqlClient client, String region) {
        return client.preparedQuery("SELECT " + DELIVERY_STAGE + " AS stage, count(*) AS waiting, "
                        + "min(COALESCE(d.released_at, d.updated_at)) AS oldest "
                        + "FROM dossier d JOIN school s ON s.id = d.receiving_school "
                        + "LEFT JOIN delivery_package p ON p.dossier_id = d.id "
                        + "WHERE s.region = $1 AND d.state IN ('RELEASED', 'DELIVERABLE') GROUP BY 1")
                .execute(Tuple.of(region))
                .map(rows -> {
                    List<QueueStage> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new QueueStage(row.getString("stage"), row.getLong("waiting"),
                            instant(row, "oldest"))));
                    return out;
                });
    }

    /** How many dossiers of one state a region's sending schools have ({@code unregistered}: a school not in the registry). */
    public record StateCount(String state, String region, long count) {
    }

    /** How many dossiers each state holds, per region of the sending school; ids and states only. */
    public Uni<List<StateCount>> countByState(SqlClient client) {
        return client.query("SELECT d.state, COALESCE(s.region, '" + UNREGISTERED + "') AS region, count(*) AS n "
                        + "FROM dossier d LEFT JOIN school s ON s.id = d.sending_school GROUP BY 1, 2")
                .execute()
                .map(rows -> {
                    List<StateCount> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new StateCount(row.getString("state"), row.getString("region"),
                            row.getLong("n"))));
                    return out;
                });
    }

    /** The region of a dossier whose school is not in the registry (a development run that does not require it). */
    public static final String UNREGISTERED = "unregistered";

    /**
     * One stage of the work waiting in a region: how many dossiers, and since when the oldest waits.
     *
     * @param stage {@code awaiting-enrolment}, {@code objection-window}, or a delivery stage of {@link #deliveryQueue}
     */
    public record RegionStage(String stage, String region, long count, Instant oldestSince) {
    }

    /**
     * The waiting work of every region, per stage: dossiers awaiting their enrolment (since submitted) and in
     * their objection window (since matched), in the sending school's region; released dossiers per delivery
     * stage (since released), in the receiving school's region, as the operator queue has them.
     */
    public Uni<List<RegionStage>> waitingByRegion(SqlClient client) {
        return client.query("SELECT CASE WHEN d.state = 'AWAITING_ENROLMENT' THEN 'awaiting-enrolment' "
                        + "ELSE 'objection-window' END AS stage, COALESCE(s.region, '" + UNREGISTERED + "') AS region, "
                        + "count(*) AS n, min(CASE WHEN d.state = 'AWAITING_ENROLMENT' THEN d.created_at "
                        + "ELSE COALESCE(d.matched_at, d.updated_at) END) AS oldest "
                        + "FROM dossier d LEFT JOIN school s ON s.id = d.sending_school "
                        + "WHERE d.state IN ('AWAITING_ENROLMENT', 'OBJECTION_WINDOW') "
                        + "OR (d.state = 'OBJECTED' AND d.ended_at IS NULL) GROUP BY 1, 2 "
                        + "UNION ALL SELECT " + DELIVERY_STAGE + ", COALESCE(s.region, '" + UNREGISTERED + "'), count(*), "
                        + "min(COALESCE(d.released_at, d.updated_at)) "
                        + "FROM dossier d LEFT JOIN school s ON s.id = d.receiving_school "
                        + "LEFT JOIN delivery_package p ON p.dossier_id = d.id "
                        + "WHERE d.state IN ('RELEASED', 'DELIVERABLE') GROUP BY 1, 2")
                .execute()
                .map(rows -> {
                    List<RegionStage> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new RegionStage(row.getString("stage"), row.getString("region"),
                            row.getLong("n"), instant(row, "oldest"))));
                    return out;
                });
    }

    /**
     * Carries out {@code step} on the row, guarded: refused (409) when the stored state moved on
     * since it was read (another instance got there first).
     */
    public Uni<Changed> change(SqlConnection tx, UUID id, Step<?> step, Instant at) {
        Map<String, Object> columns = columnsOf(step.to());
        List<Object> values = new ArrayList<>(List.of(id, step.from().name(), step.to().name(), utc(at)));
        StringBuilder sql = new StringBuilder("UPDATE dossier SET state = $3, updated_at = $4");
        columns.forEach((column, value) -> {
            values.add(value instanceof Instant instant ? utc(instant) : value);
            sql.append(", ").append(column).append(" = $").append(values.size());
        });
        sql.append(" WHERE id = $1 AND state = $2 RETURNING revision, content_sha256");
        return tx.preparedQuery(sql.toString()).execute(Tuple.from(values))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ApiException(ProblemType.CONFLICT, "The dossier changed meanwhile; read it again and retry.");
                    }
                    Row row = rows.iterator().next();
                    return new Changed(row.getInteger("revision"), row.getBuffer("content_sha256").getBytes());
                });
    }

    /** The columns a state sets when a dossier enters it, beside {@code state} and {@code updated_at}. */
    private static Map<String, Object> columnsOf(TransferState state) {
        Map<String, Object> columns = new LinkedHashMap<>();
        if (state instanceof ObjectionWindow s) {
            columns.put("receiving_school", s.receivingSchool());
            columns.put("enrolment_id", s.enrolmentId());
            columns.put("matched_at", s.matchedAt());
            columns.put("window_ends_at", s.windowEndsAt());
        } else if (state instanceof Released s) {
            columns.put("released_at", s.releasedAt());
        } else if (state instanceof Ended s) {
            columns.put("ended_at", s.endedAt());
            columns.put("purge_after", s.purgeAfter());
        } else if (state instanceof Purged s) {
            columns.put("purged_at", s.purgedAt());
            columns.put("pupil_index", null);
            columns.put("pupil_id_ciphertext", null);
            columns.put("pupil_id_wrapped_key", null);
            columns.put("pupil_id_key_version", null);
        }
        return columns;
    }

    /** The typed state of a row read with {@link #COLUMNS}. */
    private static TransferState stateOf(Row row) {
        String name = row.getString("state");
        return switch (name) {
            case "AWAITING_ENROLMENT" -> new AwaitingEnrolment();
            case "OBJECTION_WINDOW" -> new ObjectionWindow(row.getString("receiving_school"), row.getUUID("enrolment_id"),
                    instant(row, "matched_at"), instant(row, "window_ends_at"));
            case "OBJECTED" -> row.getValue("ended_at") == null
                    ? new Objected(row.getString("receiving_school"), instant(row, "window_ends_at"))
                    : new ObjectedEnded(instant(row, "ended_at"), instant(row, "purge_after"));
            case "RELEASED" -> new Released(row.getString("receiving_school"), instant(row, "released_at"));
            case "DELIVERABLE" -> new Deliverable(row.getString("receiving_school"), instant(row, "released_at"));
            case "ACKNOWLEDGED" -> new Acknowledged(instant(row, "ended_at"), instant(row, "purge_after"));
            case "WITHDRAWN" -> new Withdrawn(instant(row, "ended_at"), instant(row, "purge_after"));
            case "EXPIRED" -> new Expired(instant(row, "ended_at"), instant(row, "purge_after"));
            case "PURGED" -> new Purged(instant(row, "purged_at"));
            default -> throw new IllegalStateException("dossier " + row.getUUID("id") + " has unknown state " + name);
        };
    }

    private static Dossier dossierOf(Row row) {
        var pupilIndex = row.getBuffer("pupil_index");
        return new Dossier(row.getUUID("id"), row.getString("profile_id"), row.getString("profile_version"),
                row.getString("transfer_kind"), row.getString("sending_school"), row.getString("receiving_school"),
                row.getInteger("revision"), stateOf(row), row.getBuffer("content_sha256").getBytes(),
                pupilIndex == null ? null : pupilIndex.getBytes(), instant(row, "created_at"), instant(row, "updated_at"),
                instant(row, "expires_at"), instant(row, "window_ends_at"), instant(row, "released_at"),
                instant(row, "purged_at"));
    }

    private static Uni<Optional<Dossier>> one(Uni<RowSet<Row>> query) {
        return query.map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(dossierOf(rows.iterator().next())));
    }

    private static Uni<List<Dossier>> all(Uni<RowSet<Row>> query) {
        return query.map(rows -> {
            List<Dossier> out = new ArrayList<>();
            rows.forEach(row -> out.add(dossierOf(row)));
            return out;
        });
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
