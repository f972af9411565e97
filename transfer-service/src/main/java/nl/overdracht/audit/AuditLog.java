package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

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
}
