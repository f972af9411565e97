package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Reads of the chained log: filtered pages for auditors and schools, ranges for verification and export. */
@ApplicationScoped
class AuditQueries {

    /**
     * Which entries to list. Every field but {@code cursor} and {@code limit} is optional (null).
     *
     * @param region only the entries in which a school of this region takes part
     *     ({@link AuditQueries#IN_REGION}); null for the entries of every region
     * @param school the actor's school
     * @param from recorded at or after; @param to recorded before
     * @param cursor only entries with a seq above this one
     */
    record Filter(String region, UUID dossier, String school, AuditAction action, Instant from, Instant to,
            long cursor, int limit) {
    }

    /**
     * The entries in which a school of region {@code $r} takes part: the actor is a school registered
     * in the region, or acts for the region itself (its operators and auditors), or the entry is
     * about a dossier that a school of the region sends or receives. A condition in the query, not
     * a filter afterwards, so that a page holds {@code limit} entries and the cursor stays exact.
     */
    static final String IN_REGION = "(actor_region = $r"
            + " OR actor_school IN (SELECT s.id FROM school s WHERE s.region = $r)"
            + " OR EXISTS (SELECT 1 FROM dossier d JOIN school s ON s.id IN (d.sending_school, d.receiving_school)"
            + " WHERE d.id = audit_entry.dossier_id AND s.region = $r))";

    /** A page of results and the cursor for the next one, null on the last page. */
    record Page<T>(List<T> items, Long next) {
    }

    @Inject
    Pool pool;

    Uni<Page<AuditEntry>> entries(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + AuditRows.ENTRY_COLUMNS + " FROM audit_entry WHERE seq > $1");
        List<Object> params = new ArrayList<>();
        params.add(filter.cursor());
        if (filter.region() != null) {
            params.add(filter.region());
            sql.append(" AND ").append(IN_REGION.replace("$r", "$" + params.size()));
        }
        condition(sql, params, "dossier_id = ", filter.dossier());
        condition(sql, params, "actor_school = ", filter.school());
        condition(sql, params, "action = ", filter.action() == null ? null : filter.action().name());
        condition(sql, params, "recorded_at >= ", time(filter.from()));
        condition(sql, params, "recorded_at < ", time(filter.to()));
        params.add(filter.limit() + 1);
        sql.append(" ORDER BY seq LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params))
                .map(rows -> page(rows, filter.limit(), AuditRows::entry, AuditEntry::seq));
    }

    /** Entries with from ≤ seq ≤ to, at most {@code limit}, in seq order, as raw rows (mapping may fail on a tampered row). */
    Uni<List<Row>> range(long from, long to, int limit) {
        return pool.preparedQuery("SELECT " + AuditRows.ENTRY_COLUMNS
                        + " FROM audit_entry WHERE seq BETWEEN $1 AND $2 ORDER BY seq LIMIT $3")
                .execute(Tuple.of(from, to, limit))
                .map(rows -> {
                    List<Row> list = new ArrayList<>(rows.size());
                    rows.forEach(list::add);
                    return list;
                });
    }

    /** The highest seq chained, 0 when the log is empty. */
    Uni<Long> size() {
        return pool.query("SELECT coalesce(max(seq), 0) FROM audit_entry").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The stored chain value of entry {@code seq}, or null when there is no such row. */
    Uni<byte[]> chainAt(long seq) {
        return pool.preparedQuery("SELECT chain FROM audit_entry WHERE seq = $1").execute(Tuple.of(seq))
                .map(rows -> rows.size() == 0 ? null : AuditRows.bytes(rows.iterator().next(), "chain"));
    }

    Uni<Page<Checkpoint>> checkpoints(long cursor, int limit) {
        return pool.preparedQuery("SELECT " + AuditRows.CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoint WHERE size > $1 ORDER BY size LIMIT $2")
                .execute(Tuple.of(cursor, limit + 1))
                .map(rows -> page(rows, limit, AuditRows::checkpoint, Checkpoint::size));
    }

    Uni<List<Checkpoint>> checkpointsBetween(long from, long to) {
        return pool.preparedQuery("SELECT " + AuditRows.CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoint WHERE size BETWEEN $1 AND $2 ORDER BY size")
                .execute(Tuple.of(from, to))
                .map(rows -> {
                    List<Checkpoint> list = new ArrayList<>(rows.size());
                    rows.forEach(row -> list.add(AuditRows.checkpoint(row)));
                    return list;
                });
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            params.add(value);
            sql.append(" AND ").append(clause).append('$').append(params.size());
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static <T> Page<T> page(RowSet<Row> rows, int limit, Function<Row, T> map, Function<T, Long> key) {
        List<T> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (Row row : rows) {
            if (items.size() == limit) {
                return new Page<>(items, key.apply(items.get(items.size() - 1)));
            }
            items.add(map.apply(row));
        }
        return new Page<>(items, null);
    }
}
