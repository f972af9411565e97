package nl.overdracht.operations;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of stuck work ({@link StuckKind}): one list of (kind, region, dossier, state, since) read from the
 * dossiers, packages, certificates, enrolments and schools, counted per region for the gauge and listed for
 * one region's operator. Ids, states and times only.
 */
@ApplicationScoped
public class StuckWork {

    /** One stuck item: which dossier, in which lifecycle state, waiting since when. */
    public record Item(StuckKind kind, UUID dossierId, String stage, Instant since) {
    }

    /** How many items of a kind one region has. */
    public record Count(StuckKind kind, String region, long count) {
    }

    /*
     * $1 now, $2 packages created before this are not_downloaded, $3 unmatched dossiers expiring before this
     * are expiring_unmatched. A certificate is current as the registry has it: not revoked, valid now.
     */
    private static final String STUCK = "WITH stuck AS ("
            + "SELECT 'not_downloaded' AS kind, s.region, d.id AS dossier_id, d.state, p.created_at AS since "
            + "FROM delivery_package p JOIN dossier d ON d.id = p.dossier_id JOIN school s ON s.id = p.receiving_school "
            + "WHERE d.state = 'DELIVERABLE' AND p.package IS NOT NULL AND p.downloaded_at IS NULL "
            + "AND p.acknowledged_at IS NULL AND p.created_at <= $2 "
            + "UNION ALL SELECT 'withheld', s.region, d.id, d.state, COALESCE(d.released_at, d.updated_at) "
            + "FROM dossier d JOIN school s ON s.id = d.receiving_school "
            + "LEFT JOIN delivery_package p ON p.dossier_id = d.id "
            + "WHERE d.state IN ('RELEASED', 'DELIVERABLE') AND p.package IS NULL "
            + "AND NOT EXISTS (SELECT 1 FROM school_certificate c WHERE c.school_id = d.receiving_school "
            + "AND c.revoked_at IS NULL AND c.not_before <= $1 AND c.not_after > $1) "
            + "UNION ALL SELECT 'expiring_unmatched', s.region, d.id, d.state, d.created_at "
            + "FROM dossier d JOIN school s ON s.id = d.sending_school "
            + "WHERE d.state = 'AWAITING_ENROLMENT' AND d.expires_at <= $3 "
            + "UNION ALL SELECT DISTINCT 'enrolment_conflict', s.region, d.id, d.state, e.created_at "
            + "FROM enrolment e JOIN dossier d ON d.id = e.conflict_dossier_id "
            + "JOIN school s ON s.id IN (d.sending_school, e.receiving_school, d.receiving_school) "
            + "WHERE e.matched_dossier_id IS NULL AND e.purged_at IS NULL AND d.state = 'AWAITING_ENROLMENT') ";

    @Inject
    OperationsConfig config;

    /** How many items of each kind each region has at {@code now}; a region without any is absent. */
    public Uni<List<Count>> counts(SqlClient client, Instant now) {
        return client.preparedQuery(STUCK + "SELECT kind, region, count(*) AS n FROM stuck GROUP BY kind, region")
                .execute(times(now))
                .map(rows -> {
                    List<Count> counts = new ArrayList<>();
                    rows.forEach(row -> counts.add(new Count(StuckKind.of(row.getString("kind")),
                            row.getString("region"), row.getLong("n"))));
                    return counts;
                });
    }

    /** How many items of each kind {@code region} has at {@code now}: every kind, 0 when none. */
    public Uni<Map<StuckKind, Long>> counts(SqlClient client, String region, Instant now) {
        return client.preparedQuery(STUCK + "SELECT kind, count(*) AS n FROM stuck WHERE region = $4 GROUP BY kind")
                .execute(times(now).addValue(region))
                .map(rows -> {
                    Map<StuckKind, Long> counts = new EnumMap<>(StuckKind.class);
                    for (StuckKind kind : StuckKind.values()) {
                        counts.put(kind, 0L);
                    }
                    rows.forEach(row -> counts.put(StuckKind.of(row.getString("kind")), row.getLong("n")));
                    return counts;
                });
    }

    /** The oldest {@code limit} items of {@code region} at {@code now}, oldest first. */
    public Uni<List<Item>> oldest(SqlClient client, String region, Instant now, int limit) {
        return client.preparedQuery(STUCK + "SELECT kind, dossier_id, state, since FROM stuck WHERE region = $4 "
                        + "ORDER BY since, dossier_id, kind LIMIT $5")
                .execute(times(now).addValue(region).addValue(limit))
                .map(rows -> {
                    List<Item> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(new Item(StuckKind.of(row.getString("kind")), row.getUUID("dossier_id"),
                            row.getString("state"), row.getOffsetDateTime("since").toInstant())));
                    return items;
                });
    }

    private Tuple times(Instant now) {
        return Tuple.of(now.atOffset(ZoneOffset.UTC), now.minus(config.notDownloadedAfter()).atOffset(ZoneOffset.UTC),
                now.plus(config.expiryWarning()).atOffset(ZoneOffset.UTC));
    }
}
