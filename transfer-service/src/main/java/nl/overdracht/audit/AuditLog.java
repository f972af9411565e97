package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The audit log every feature writes to. {@link #append(SqlConnection, AuditRecord)} adds the
 * entry to the pending table inside the caller's own transaction, a plain insert without locks, so
 * audit never serialises the features' transactions and the entry exists if and only if the
 * action's effect commits. The {@link AuditChainer} then gives it its place in the hash chain,
 * within about {@code overdracht.audit.chain-interval}.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    Pool pool;

    @Inject
    AuditRepository entries;

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    Clock clock;

    @Inject
    AuditChainer chainer;

    /** Appends inside the caller's transaction, so the entry exists iff the action's effect commits. */
    public Uni<Void> append(SqlConnection tx, AuditRecord record) {
        Instant now = AuditCanonical.truncate(clock.instant());
        return entries.appendPending(tx, now, record);
    }

    /** Appends in a transaction of its own, for what has no transaction of its own to join (a refusal). */
    public Uni<Void> append(AuditRecord record) {
        return pool.withTransaction(tx -> append(tx, record));
    }

    /**
     * Chains everything pending now (waiting for another chainer to finish first, if one holds the
     * lock) and answers how many entries this call chained. Tests call this instead of sleeping.
     */
    public Uni<Long> drain() {
        return chainer.drain();
    }

    /** The most recent signed checkpoint, or null before the first. */
    public Uni<Checkpoint> latestCheckpoint() {
        return checkpoints.latest().map(latest -> latest.orElse(null));
    }

    /**
     * How far the chain is behind the log.
     *
     * @param unchained entries appended and not yet in the chain
     * @param oldestUnchained when the oldest of them was recorded; empty when none waits
     * @param unsigned entries in the chain after the last signed checkpoint
     * @param lastCheckpoint when the last checkpoint was signed; empty before the first
     */
    public record Lag(long unchained, Optional<Instant> oldestUnchained, long unsigned, Optional<Instant> lastCheckpoint) {
    }

    /** How far the chain is behind the log now, in one statement. */
    public Uni<Lag> lag(SqlClient client) {
        return client.query("SELECT (SELECT count(*) FROM audit_pending) AS unchained, "
                        + "(SELECT min(recorded_at) FROM audit_pending) AS oldest, "
                        + "(SELECT COALESCE(max(seq), 0) FROM audit_entry) AS head, "
                        + "(SELECT max(size) FROM audit_checkpoint) AS signed, "
                        + "(SELECT max(signed_at) FROM audit_checkpoint) AS signed_at")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long signed = row.getLong("signed") == null ? 0 : row.getLong("signed");
                    return new Lag(row.getLong("unchained"), instant(row.getOffsetDateTime("oldest")),
                            Math.max(0, row.getLong("head") - signed), instant(row.getOffsetDateTime("signed_at")));
                });
    }

    private static Optional<Instant> instant(OffsetDateTime time) {
        return Optional.ofNullable(time).map(OffsetDateTime::toInstant);
    }
}
