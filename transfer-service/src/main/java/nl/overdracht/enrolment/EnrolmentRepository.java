package nl.overdracht.enrolment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import nl.overdracht.crypto.SealedData;
import nl.overdracht.platform.Bytea;

/**
 * The SQL of enrolments: recording, matching, conflicts, purging. Reads a school makes are scoped
 * by that school; methods that take a {@link SqlConnection} run in the caller's transaction.
 */
@ApplicationScoped
public class EnrolmentRepository {

    /** The first key of the per-pupil advisory lock (two-int form: a key space apart from the relay's bigint lock). */
    static final int PUPIL_LOCK_CLASS = 0x656e726f;

    private static final String CLEAR = "UPDATE enrolment SET pupil_index = NULL, pupil_id_ciphertext = NULL, "
            + "pupil_id_wrapped_key = NULL, pupil_id_key_version = NULL, purged_at = $1 ";

    private static final String CONFLICTS = "SELECT e.id AS enrolment_id, d.id AS dossier_id, "
            + "e.receiving_school AS enrolling_school, d.receiving_school AS named_school, e.enrolment_date, e.created_at, "
            + "d.state FROM enrolment e JOIN dossier d ON d.id = e.conflict_dossier_id ";

    /** A new enrolment. */
    record NewEnrolment(UUID id, String receivingSchool, String sendingSchool, byte[] pupilIndex, SealedData pupilId,
            LocalDate enrolmentDate, Instant at) {
    }

    /** A waiting enrolment a dossier may match. */
    record Waiting(UUID id, String receivingSchool) {
    }

    Uni<Void> insert(SqlConnection tx, NewEnrolment e) {
        return tx.preparedQuery("INSERT INTO enrolment (id, receiving_school, sending_school, pupil_index, "
                        + "pupil_id_ciphertext, pupil_id_wrapped_key, pupil_id_key_version, enrolment_date, created_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(e.id(), e.receivingSchool(), e.sendingSchool(), Bytea.of(e.pupilIndex()),
                        Bytea.of(e.pupilId().ciphertext()), Bytea.of(e.pupilId().wrappedKey()), e.pupilId().keyVersion(),
                        e.enrolmentDate(), e.at().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    Uni<EnrolmentView> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + EnrolmentView.COLUMNS + " FROM enrolment WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> EnrolmentView.from(rows.iterator().next()));
    }

    /** The school's enrolments, newest first. */
    Uni<List<EnrolmentView>> listOf(SqlClient client, String receivingSchool, boolean onlyUnmatched, int limit) {
        return all(client.preparedQuery("SELECT " + EnrolmentView.COLUMNS + " FROM enrolment WHERE receiving_school = $1"
                                + (onlyUnmatched ? " AND matched_dossier_id IS NULL" : "")
                                + " ORDER BY created_at DESC, id LIMIT $2")
                        .execute(Tuple.of(receivingSchool, limit)), EnrolmentView::from);
    }

    /**
     * Serialises the matching of one pupil until {@code tx} ends. Without it a dossier and an
     * enrolment of the same pupil stored at the same moment would each look for the other before
     * the other committed, and neither would ever match. Whichever transaction comes second waits
     * here, and its query then sees the first one's committed row.
     */
    Uni<Void> lockPupil(SqlConnection tx, byte[] pupilIndex) {
        int key = ByteBuffer.wrap(pupilIndex).getInt();
        return tx.preparedQuery("SELECT pg_advisory_xact_lock($1, $2)").execute(Tuple.of(PUPIL_LOCK_CLASS, key))
                .replaceWithVoid();
    }

    /**
     * The oldest waiting enrolment of the pupil that names {@code sendingSchool} or no sending school,
     * preferring one from {@code preferredReceiver}; locked, skipping one another transaction holds.
     */
    Uni<Optional<Waiting>> lockWaitingOfPupil(SqlConnection tx, byte[] pupilIndex, String sendingSchool,
            String preferredReceiver) {
        return tx.preparedQuery("SELECT id, receiving_school FROM enrolment WHERE pupil_index = $1 "
                        + "AND matched_dossier_id IS NULL AND purged_at IS NULL "
                        + "AND (sending_school IS NULL OR sending_school = $2) "
                        + "ORDER BY receiving_school = $3 DESC NULLS LAST, created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(Bytea.of(pupilIndex), sendingSchool, preferredReceiver))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Waiting(
                        rows.iterator().next().getUUID("id"), rows.iterator().next().getString("receiving_school"))));
    }

    /** The enrolment did not match {@code dossierId} because the dossier names another receiving school. */
    Uni<Void> markConflict(SqlConnection tx, UUID enrolmentId, UUID dossierId) {
        return tx.preparedQuery("UPDATE enrolment SET conflict_dossier_id = $2 WHERE id = $1")
                .execute(Tuple.of(enrolmentId, dossierId))
                .replaceWithVoid();
    }

    Uni<Void> markMatched(SqlConnection tx, UUID enrolmentId, UUID dossierId, Instant at) {
        return tx.preparedQuery("UPDATE enrolment SET matched_dossier_id = $2, matched_at = $3, "
                        + "conflict_dossier_id = NULL WHERE id = $1")
                .execute(Tuple.of(enrolmentId, dossierId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Conflicts on the sending school's dossiers, newest first, at most 200. */
    Uni<List<EnrolmentConflict>> conflictsOfSender(SqlClient client, String sendingSchool) {
        return conflicts(client, "WHERE d.sending_school = $1", sendingSchool);
    }

    /** Conflicts in which a school of {@code region} (sending, enrolling or named) takes part, newest first, at most 200. */
    Uni<List<EnrolmentConflict>> conflictsInRegion(SqlClient client, String region) {
        return conflicts(client, "WHERE EXISTS (SELECT 1 FROM school s WHERE s.region = $1 "
                + "AND s.id IN (d.sending_school, e.receiving_school, d.receiving_school))", region);
    }

    private Uni<List<EnrolmentConflict>> conflicts(SqlClient client, String where, String value) {
        return all(client.preparedQuery(CONFLICTS + where + " ORDER BY e.created_at DESC, e.id LIMIT 200")
                .execute(Tuple.of(value)), row -> new EnrolmentConflict(row.getUUID("enrolment_id"),
                row.getUUID("dossier_id"), row.getString("enrolling_school"), row.getString("named_school"),
                row.getLocalDate("enrolment_date"), row.getOffsetDateTime("created_at").toInstant(),
                row.getString("state")));
    }

    /**
     * Clears the sealed pupil id and blind index of the enrolment matched with {@code dossierId} (at
     * most one) and sets {@code purged_at}; answers the ids purged.
     */
    Uni<List<UUID>> purgeOfDossier(SqlConnection tx, UUID dossierId, Instant now) {
        return all(tx.preparedQuery(CLEAR + "WHERE purged_at IS NULL AND (matched_dossier_id = $2 "
                        + "OR id = (SELECT enrolment_id FROM dossier WHERE id = $2)) RETURNING id")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), dossierId)), row -> row.getUUID("id"));
    }

    /** The same for up to {@code limit} unmatched enrolments recorded at or before {@code recordedBefore}, skipping locked ones. */
    Uni<List<UUID>> purgeUnmatched(SqlConnection tx, Instant recordedBefore, Instant now, int limit) {
        return all(tx.preparedQuery(CLEAR + "WHERE id IN (SELECT id FROM enrolment WHERE matched_dossier_id IS NULL "
                        + "AND purged_at IS NULL AND created_at <= $2 ORDER BY created_at LIMIT $3 "
                        + "FOR UPDATE SKIP LOCKED) RETURNING id")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), recordedBefore.atOffset(ZoneOffset.UTC), limit)),
                row -> row.getUUID("id"));
    }

    private static <T> Uni<List<T>> all(Uni<RowSet<Row>> query, Function<Row, T> map) {
        return query.map(rows -> {
            List<T> out = new ArrayList<>();
            rows.forEach(row -> out.add(map.apply(row)));
            return out;
        });
    }
}
