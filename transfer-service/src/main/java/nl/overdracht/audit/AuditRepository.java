package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
import java.util.List;
import java.util.Optional;
import nl.overdracht.platform.Bytea;

/**
 * The SQL of the audit log's entries: {@code audit_pending}, where features append inside their
 * own transaction, and {@code audit_entry}, the chain. Which entries go where, in which order and
 * under which lock is the {@link AuditChainer}'s; this class only reads and writes rows.
 */
@ApplicationScoped
class AuditRepository {

    static final String RECORD_COLUMNS = "recorded_at, action, actor_subject, actor_role, actor_school, "
            + "actor_region, dossier_id, outcome, content_sha256";
    static final String ENTRY_COLUMNS = "seq, " + RECORD_COLUMNS + ", leaf, chain";

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

    private static final String INSERT_PENDING = "INSERT INTO audit_pending (" + RECORD_COLUMNS
            + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    private static final String INSERT_ENTRY = "INSERT INTO audit_entry (" + ENTRY_COLUMNS
            + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    /** The last chained entry: its seq and chain value. */
    record Head(long seq, byte[] chain) {
    }

    /** An entry waiting in {@code audit_pending} for its place in the chain. */
    record Pending(long id, Instant recordedAt, AuditRecord record) {
    }

    /**
     * A chained entry as stored, for checking: {@code record} is null when the stored fields do not
     * form a valid record (a tampered row), and {@code leaf} or {@code chain} may be anything.
     */
    record StoredEntry(long seq, Instant recordedAt, AuditRecord record, byte[] leaf, byte[] chain) {

        /** The entry; fails when the stored fields are not a valid entry. */
        AuditEntry entry() {
            if (record == null) {
                throw new IllegalStateException("audit entry " + seq + " does not hold valid fields");
            }
            return new AuditEntry(seq, recordedAt, record, leaf, chain);
        }
    }

    @Inject
    Pool pool;

    /** Inserts into {@code audit_pending} within {@code tx}: a plain insert, no lock. */
    Uni<Void> appendPending(SqlClient tx, Instant recordedAt, AuditRecord record) {
        return tx.preparedQuery(INSERT_PENDING)
                .execute(Tuple.from(Arrays.asList(recordValues(recordedAt, record))))
                .replaceWithVoid();
    }

    /** Takes the transaction-scoped advisory lock {@code key} if it is free; false when another holds it. */
    Uni<Boolean> tryTransactionLock(SqlConnection tx, long key) {
        return tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(key))
                .map(locked -> locked.iterator().next().getBoolean(0));
    }

    /** The entry with the highest seq; empty when nothing is chained yet. */
    Uni<Optional<Head>> head(SqlConnection tx) {
        return tx.query("SELECT seq, chain FROM audit_entry ORDER BY seq DESC LIMIT 1").execute()
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row last = rows.iterator().next();
                    return Optional.of(new Head(last.getLong("seq"), bytes(last, "chain")));
                });
    }

    /** The oldest {@code limit} pending entries, in the order they were appended. */
    Uni<List<Pending>> pending(SqlConnection tx, int limit) {
        return tx.preparedQuery("SELECT id, " + RECORD_COLUMNS + " FROM audit_pending ORDER BY id LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>(rows.size());
                    rows.forEach(row -> pending.add(new Pending(row.getLong("id"), recordedAt(row), record(row))));
                    return pending;
                });
    }

    /** Inserts chained entries into {@code audit_entry}, in one batch. */
    Uni<Void> insertEntries(SqlConnection tx, List<AuditEntry> entries) {
        return tx.preparedQuery(INSERT_ENTRY)
                .executeBatch(entries.stream().map(AuditRepository::entryTuple).toList())
                .replaceWithVoid();
    }

    /** Removes the pending rows with these ids. */
    Uni<Void> deletePending(SqlConnection tx, List<Long> ids) {
        return tx.preparedQuery("DELETE FROM audit_pending WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** A page of chained entries in seq order, as the filter asks. */
    Uni<AuditQueries.Page<AuditEntry>> entries(AuditQueries.Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + ENTRY_COLUMNS + " FROM audit_entry WHERE seq > $1");
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
                .map(rows -> AuditQueries.Page.of(rows, filter.limit(), AuditRepository::entry, AuditEntry::seq));
    }

    /** Entries with from ≤ seq ≤ to, at most {@code limit}, in seq order, as stored (a tampered row included). */
    Uni<List<StoredEntry>> range(long from, long to, int limit) {
        return pool.preparedQuery("SELECT " + ENTRY_COLUMNS
                        + " FROM audit_entry WHERE seq BETWEEN $1 AND $2 ORDER BY seq LIMIT $3")
                .execute(Tuple.of(from, to, limit))
                .map(rows -> {
                    List<StoredEntry> list = new ArrayList<>(rows.size());
                    rows.forEach(row -> list.add(stored(row)));
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
                .map(rows -> rows.size() == 0 ? null : bytes(rows.iterator().next(), "chain"));
    }

    /** recorded_at and the record's fields, in {@link #RECORD_COLUMNS} order. */
    private static Object[] recordValues(Instant recordedAt, AuditRecord record) {
        AuditActor actor = record.actor();
        return new Object[] {OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC), record.action().name(),
                actor.subject(), actor.role(), actor.school(), actor.region(), record.dossierId(), record.outcome(),
                Bytea.of(record.contentSha256())};
    }

    /** An entry's values in {@link #ENTRY_COLUMNS} order. */
    static Tuple entryTuple(AuditEntry entry) {
        Object[] values = recordValues(entry.recordedAt(), entry.record());
        Object[] all = new Object[values.length + 3];
        all[0] = entry.seq();
        System.arraycopy(values, 0, all, 1, values.length);
        all[values.length + 1] = Buffer.buffer(entry.leaf());
        all[values.length + 2] = Buffer.buffer(entry.chain());
        return Tuple.from(Arrays.asList(all));
    }

    /** A row of {@link #ENTRY_COLUMNS} as an entry; fails when the stored fields are not a valid one. */
    static AuditEntry entry(Row row) {
        return new AuditEntry(row.getLong("seq"), recordedAt(row), record(row), bytes(row, "leaf"),
                bytes(row, "chain"));
    }

    private static StoredEntry stored(Row row) {
        AuditRecord record;
        try {
            record = record(row);
        } catch (IllegalArgumentException | NullPointerException e) {
            record = null;
        }
        return new StoredEntry(row.getLong("seq"), recordedAt(row), record, bytes(row, "leaf"), bytes(row, "chain"));
    }

    private static Instant recordedAt(Row row) {
        return row.getOffsetDateTime("recorded_at").toInstant();
    }

    private static AuditRecord record(Row row) {
        AuditActor actor = new AuditActor(row.getString("actor_subject"), row.getString("actor_role"),
                row.getString("actor_school"), row.getString("actor_region"));
        return new AuditRecord(AuditAction.valueOf(row.getString("action")), actor, row.getUUID("dossier_id"),
                row.getString("outcome"), bytes(row, "content_sha256"));
    }

    static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
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
}
