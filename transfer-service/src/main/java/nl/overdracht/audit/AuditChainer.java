package nl.overdracht.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.overdracht.crypto.SigningIdentity;
import org.jboss.logging.Logger;

/**
 * The one chainer: moves pending entries into {@code audit_entry} in batches, each in one
 * transaction that first takes a transaction-scoped advisory lock, so that across all instances
 * exactly one chains at a time and the sequence stays gapless. For each entry it assigns the next
 * seq, computes leaf and chain ({@link AuditCanonical}), inserts it and deletes the pending row;
 * then, in the same transaction, signs a checkpoint when one is due. It runs every
 * {@code overdracht.audit.chain-interval} and on demand ({@link AuditLog#drain()}).
 */
@ApplicationScoped
public class AuditChainer {

    /** The advisory lock key ("OVDAUDIT" in ASCII); no other feature may use it. */
    static final long LOCK_KEY = 0x4F5644415544_4954L;
    private static final int LOCKED = -1;
    private static final Logger LOG = Logger.getLogger(AuditChainer.class);

    private static final String INSERT_ENTRY = "INSERT INTO audit_entry (" + AuditRows.ENTRY_COLUMNS
            + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    SigningIdentity identity;

    @Inject
    AuditConfig config;

    @Inject
    Vertx vertx;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;

    /*
     * A Vert.x periodic timer rather than @Scheduled: the Quarkus scheduler does not run jobs more
     * often than once a second, and the chainer's pace sets how soon an entry is in the chain.
     */
    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(config.chainInterval().toMillis(), id -> chainOnSchedule());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One tick: chains what is pending unless the previous tick is still at it or another instance is. */
    void chainOnSchedule() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        chainPending(false).subscribe().with(
                chained -> running.set(false),
                failure -> {
                    running.set(false);
                    LOG.errorf("Audit chaining failed: %s", failure.getClass().getSimpleName());
                });
    }

    /** Chains everything pending now, waiting for the lock if another chainer holds it. */
    Uni<Long> drain() {
        return chainPending(true);
    }

    private Uni<Long> chainPending(boolean waitForLock) {
        return chainPending(waitForLock, 0L);
    }

    private Uni<Long> chainPending(boolean waitForLock, long chained) {
        return pool.withTransaction(this::chainBatch).flatMap(count -> {
            if (count == LOCKED) {
                return waitForLock
                        ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(20))
                                .flatMap(ignored -> chainPending(true, chained))
                        : Uni.createFrom().item(chained);
            }
            return count == config.batchSize()
                    ? chainPending(waitForLock, chained + count)
                    : Uni.createFrom().item(chained + count);
        });
    }

    private Uni<Integer> chainBatch(SqlConnection tx) {
        return tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY))
                .flatMap(locked -> locked.iterator().next().getBoolean(0)
                        ? tx.query("SELECT seq, chain FROM audit_entry ORDER BY seq DESC LIMIT 1").execute()
                                .flatMap(head -> chainBatch(tx, head))
                        : Uni.createFrom().item(LOCKED));
    }

    private Uni<Integer> chainBatch(SqlConnection tx, RowSet<Row> head) {
        long lastSeq = head.size() == 0 ? 0 : head.iterator().next().getLong("seq");
        byte[] lastChain = head.size() == 0 ? AuditCanonical.genesis() : AuditRows.bytes(head.iterator().next(), "chain");
        return tx.preparedQuery("SELECT id, " + AuditRows.RECORD_COLUMNS + " FROM audit_pending ORDER BY id LIMIT $1")
                .execute(Tuple.of(config.batchSize()))
                .flatMap(pending -> {
                    if (pending.size() == 0) {
                        return checkpointIfDue(tx, lastSeq, lastChain).replaceWith(0);
                    }
                    List<Tuple> entries = new ArrayList<>(pending.size());
                    Long[] ids = new Long[pending.size()];
                    long seq = lastSeq;
                    byte[] chain = lastChain;
                    int i = 0;
                    for (Row row : pending) {
                        seq++;
                        Instant recordedAt = AuditRows.recordedAt(row);
                        AuditRecord record = AuditRows.record(row);
                        byte[] leaf = AuditCanonical.leaf(AuditCanonical.entryBytes(seq, recordedAt, record));
                        chain = AuditCanonical.chain(chain, leaf);
                        entries.add(AuditRows.entryTuple(seq, recordedAt, record, leaf, chain));
                        ids[i++] = row.getLong("id");
                    }
                    long size = seq;
                    byte[] head2 = chain;
                    return tx.preparedQuery(INSERT_ENTRY).executeBatch(entries)
                            .flatMap(ignored -> tx.preparedQuery("DELETE FROM audit_pending WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids)))
                            .flatMap(ignored -> checkpointIfDue(tx, size, head2))
                            .replaceWith(pending.size());
                });
    }

    private Uni<Void> checkpointIfDue(SqlConnection tx, long size, byte[] head) {
        if (size == 0) {
            return Uni.createFrom().voidItem();
        }
        return tx.query("SELECT size, signed_at FROM audit_checkpoint ORDER BY size DESC LIMIT 1").execute()
                .flatMap(rows -> {
                    Instant now = clock.instant();
                    if (rows.size() > 0) {
                        Row last = rows.iterator().next();
                        long lastSize = last.getLong("size");
                        Instant lastAt = last.getOffsetDateTime("signed_at").toInstant();
                        boolean due = size > lastSize && (size - lastSize >= config.checkpointEvery()
                                || !now.isBefore(lastAt.plus(config.checkpointInterval())));
                        if (!due) {
                            return Uni.createFrom().voidItem();
                        }
                    }
                    Checkpoint checkpoint = CheckpointSignatures.sign(identity, size, head, now);
                    return tx.preparedQuery("INSERT INTO audit_checkpoint (" + AuditRows.CHECKPOINT_COLUMNS
                            + ") VALUES ($1, $2, $3, $4, $5)").execute(AuditRows.checkpointTuple(checkpoint))
                            .replaceWithVoid();
                });
    }
}
