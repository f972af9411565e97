package nl.overdracht.handover;

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
import java.util.UUID;

/**
 * The SQL of the {@code handover} table; every method runs on the client or transaction it is given.
 * The receiving school's reads join the dossier so that a handover shows only once the dossier is
 * matched with the school's enrolment, and not once the dossier was withdrawn.
 */
@ApplicationScoped
public class HandoverRepository {

    /** The dossier is matched with the receiving school and still under way. */
    private static final String VISIBLE_TO_RECEIVER = visibleToReceiver("$2");

    /** Records a request; answers whether it is new (a dossier that already asked keeps its first request). */
    Uni<Boolean> request(SqlConnection tx, UUID dossierId, String requestedBy, Instant at) {
        return tx.preparedQuery("INSERT INTO handover (dossier_id, requested_by, state, requested_at, updated_at) "
                        + "VALUES ($1, $2, 'REQUESTED', $3, $3) ON CONFLICT (dossier_id) DO NOTHING")
                .execute(Tuple.of(dossierId, requestedBy, utc(at)))
                .map(inserted -> inserted.rowCount() == 1);
    }

    /**
     * Deletes the dossier's own request while nothing was done with it (still REQUESTED, asked by the
     * dossier); answers whether there was one.
     */
    Uni<Boolean> cancelDossierRequest(SqlConnection tx, UUID dossierId) {
        return tx.preparedQuery("DELETE FROM handover WHERE dossier_id = $1 AND requested_by = 'dossier' "
                        + "AND state = 'REQUESTED'")
                .execute(Tuple.of(dossierId))
                .map(deleted -> deleted.rowCount() == 1);
    }

    Uni<Optional<HandoverView>> find(SqlClient client, UUID dossierId) {
        return client.preparedQuery("SELECT " + HandoverView.COLUMNS + " FROM handover h WHERE h.dossier_id = $1")
                .execute(Tuple.of(dossierId)).map(HandoverRepository::first);
    }

    /** The handover of a dossier the receiving school was matched with, locked. */
    Uni<Optional<HandoverView>> lockForReceiver(SqlConnection tx, UUID dossierId, String school) {
        return tx.preparedQuery("SELECT " + HandoverView.COLUMNS + " FROM handover h JOIN dossier d ON d.id = h.dossier_id "
                        + "WHERE h.dossier_id = $1 AND " + VISIBLE_TO_RECEIVER + " FOR UPDATE OF h")
                .execute(Tuple.of(dossierId, school)).map(HandoverRepository::first);
    }

    Uni<Optional<HandoverView>> findForReceiver(SqlClient client, UUID dossierId, String school) {
        return client.preparedQuery("SELECT " + HandoverView.COLUMNS + " FROM handover h JOIN dossier d ON d.id = h.dossier_id "
                        + "WHERE h.dossier_id = $1 AND " + VISIBLE_TO_RECEIVER)
                .execute(Tuple.of(dossierId, school)).map(HandoverRepository::first);
    }

    /** The receiving school's handovers, oldest request first, optionally of one state. */
    Uni<List<HandoverView>> listForReceiver(SqlClient client, String school, Optional<String> state, int limit) {
        return client.preparedQuery("SELECT " + HandoverView.COLUMNS + " FROM handover h JOIN dossier d ON d.id = h.dossier_id "
                        + "WHERE ($1::text IS NULL OR h.state = $1) AND " + VISIBLE_TO_RECEIVER
                        + " ORDER BY h.requested_at, h.dossier_id LIMIT $3")
                .execute(Tuple.of(state.orElse(null), school, limit)).map(HandoverRepository::all);
    }

    /** The sending school's handovers, oldest request first, optionally of one state. */
    Uni<List<HandoverView>> listForSender(SqlClient client, String school, Optional<String> state, int limit) {
        return client.preparedQuery("SELECT " + HandoverView.COLUMNS + " FROM handover h JOIN dossier d ON d.id = h.dossier_id "
                        + "WHERE ($1::text IS NULL OR h.state = $1) AND d.sending_school = $2 AND d.state <> 'PURGED' "
                        + "ORDER BY h.requested_at, h.dossier_id LIMIT $3")
                .execute(Tuple.of(state.orElse(null), school, limit)).map(HandoverRepository::all);
    }

    /** Writes the handover's new state and what goes with it. */
    Uni<Void> update(SqlConnection tx, UUID dossierId, HandoverState state, Instant scheduledFor,
            List<String> participants, Instant heldAt, String declinedReason, Instant at) {
        return tx.preparedQuery("UPDATE handover SET state = $2, scheduled_for = $3, participants = $4, held_at = $5, "
                        + "declined_reason = $6, updated_at = $7 WHERE dossier_id = $1")
                .execute(Tuple.from(Arrays.asList(dossierId, state.name(), utc(scheduledFor),
                        participants.toArray(String[]::new), utc(heldAt), declinedReason, utc(at))))
                .replaceWithVoid();
    }

    /** A requested handover overdue for its one reminder, with the state of its dossier. */
    record Due(UUID dossierId, String requestedBy, String dossierState) {
    }

    /**
     * Locks up to {@code limit} handovers still REQUESTED and never reminded whose dossier was matched (or
     * which were requested, when later) at or before {@code dueBefore}; another instance's locked rows are skipped.
     */
    Uni<List<Due>> lockReminderDue(SqlConnection tx, Instant dueBefore, int limit) {
        return tx.preparedQuery("SELECT h.dossier_id, h.requested_by, d.state AS dossier_state FROM handover h "
                        + "JOIN dossier d ON d.id = h.dossier_id WHERE h.state = 'REQUESTED' AND h.reminded_at IS NULL "
                        + "AND d.matched_at IS NOT NULL AND d.state NOT IN ('WITHDRAWN', 'EXPIRED', 'PURGED') "
                        + "AND GREATEST(d.matched_at, h.requested_at) <= $1 ORDER BY h.requested_at LIMIT $2 "
                        + "FOR UPDATE OF h SKIP LOCKED")
                .execute(Tuple.of(utc(dueBefore), limit))
                .map(rows -> {
                    List<Due> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new Due(row.getUUID("dossier_id"), row.getString("requested_by"),
                            row.getString("dossier_state"))));
                    return out;
                });
    }

    Uni<Void> markReminded(SqlConnection tx, UUID dossierId, Instant at) {
        return tx.preparedQuery("UPDATE handover SET reminded_at = $2 WHERE dossier_id = $1 AND reminded_at IS NULL")
                .execute(Tuple.of(dossierId, utc(at))).replaceWithVoid();
    }

    /** How many handovers each state holds among the dossiers the school sends. */
    Uni<Map<String, Long>> countForSender(SqlClient client, String school) {
        return client.preparedQuery("SELECT h.state, count(*) AS n FROM handover h JOIN dossier d ON d.id = h.dossier_id "
                        + "WHERE d.sending_school = $1 AND d.state <> 'PURGED' GROUP BY h.state")
                .execute(Tuple.of(school)).map(HandoverRepository::counts);
    }

    /** How many handovers each state holds among the matched dossiers the school receives. */
    Uni<Map<String, Long>> countForReceiver(SqlClient client, String school) {
        return client.preparedQuery("SELECT h.state, count(*) AS n FROM handover h JOIN dossier d ON d.id = h.dossier_id "
                        + "WHERE " + visibleToReceiver("$1") + " GROUP BY h.state")
                .execute(Tuple.of(school)).map(HandoverRepository::counts);
    }

    /** A region's counts: per state, and how many requested ones were reminded (overdue). */
    record RegionCounts(Map<String, Long> byState, long overdue) {
    }

    /** The handovers of dossiers whose sending or receiving school lies in {@code region}; counts only. */
    Uni<RegionCounts> countForRegion(SqlClient client, String region) {
        return client.preparedQuery("SELECT h.state, count(*) AS n, "
                        + "count(*) FILTER (WHERE h.state = 'REQUESTED' AND h.reminded_at IS NOT NULL) AS overdue "
                        + "FROM handover h JOIN dossier d ON d.id = h.dossier_id WHERE d.state <> 'PURGED' AND EXISTS "
                        + "(SELECT 1 FROM school s WHERE s.region = $1 AND s.id IN (d.sending_school, d.receiving_school)) "
                        + "GROUP BY h.state")
                .execute(Tuple.of(region))
                .map(rows -> {
                    long overdue = 0;
                    for (Row row : rows) {
                        overdue += row.getLong("overdue");
                    }
                    return new RegionCounts(counts(rows), overdue);
                });
    }

    /** How many handovers one state holds in one region ({@code unregistered}: a school not in the registry). */
    public record StateCount(String state, String region, long count) {
    }

    /**
     * How many handovers each state holds, per region: the receiving school's once known, the sending school's
     * before; counts only, for the domain gauges.
     */
    public Uni<List<StateCount>> countByStateAndRegion(SqlClient client) {
        return client.query("SELECT h.state, COALESCE(r.region, s.region, 'unregistered') AS region, count(*) AS n "
                        + "FROM handover h JOIN dossier d ON d.id = h.dossier_id "
                        + "LEFT JOIN school r ON r.id = d.receiving_school LEFT JOIN school s ON s.id = d.sending_school "
                        + "WHERE d.state <> 'PURGED' GROUP BY 1, 2")
                .execute()
                .map(rows -> {
                    List<StateCount> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new StateCount(row.getString("state"), row.getString("region"),
                            row.getLong("n"))));
                    return out;
                });
    }

    /** The purge's part: the handover goes with the dossier's personal data. */
    Uni<Void> delete(SqlConnection tx, UUID dossierId) {
        return tx.preparedQuery("DELETE FROM handover WHERE dossier_id = $1").execute(Tuple.of(dossierId))
                .replaceWithVoid();
    }

    private static String visibleToReceiver(String schoolParameter) {
        return "d.receiving_school = " + schoolParameter + " AND d.matched_at IS NOT NULL "
                + "AND d.state NOT IN ('WITHDRAWN', 'EXPIRED', 'PURGED')";
    }

    private static Map<String, Long> counts(RowSet<Row> rows) {
        Map<String, Long> out = new LinkedHashMap<>();
        HandoverState.NAMES.forEach(state -> out.put(state, 0L));
        rows.forEach(row -> out.put(row.getString("state"), row.getLong("n")));
        return out;
    }

    private static Optional<HandoverView> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(HandoverView.from(it.next())) : Optional.empty();
    }

    private static List<HandoverView> all(RowSet<Row> rows) {
        List<HandoverView> out = new ArrayList<>();
        rows.forEach(row -> out.add(HandoverView.from(row)));
        return out;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
