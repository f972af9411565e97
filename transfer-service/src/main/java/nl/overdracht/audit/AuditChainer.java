package nl.overdracht.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.overdracht.crypto.SigningIdentity;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;

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

    @Inject
    Pool pool;

    @Inject
    AuditRepository entries;

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    Clock clock;

    @Inject
    SigningIdentity identity;

    @Inject
    AuditConfig config;

    @Inject
    Vertx vertx;

    @Inject
    BackgroundWork work;

    /** Fired once a batch has committed, with what it chained: each record once, across all instances. */
    @Inject
    Event<AuditChained> chainedEvent;

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
        work.round(BackgroundRound.AUDIT_CHAINER, () -> chainPending(false)).subscribe().with(done -> running.set(false));
    }

    /** Chains everything pending now, waiting for the lock if another chainer holds it. */
    Uni<Long> drain() {
        return chainPending(true);
    }

    private Uni<Long> chainPending(boolean waitForLock) {
        return chainPending(waitForLock, 0L);
    }

    private Uni<Long> chainPending(boolean waitForLock, long chained) {
        List<AuditRecord> batch = new ArrayList<>();
        return pool.withTransaction(tx -> chainBatch(tx, batch)).flatMap(count -> {
            if (!batch.isEmpty()) {
                chainedEvent.fire(new AuditChained(List.copyOf(batch)));
            }
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

    /** One batch in {@code tx}; the records it chains are added to {@code batch}. */
    private Uni<Integer> chainBatch(SqlConnection tx, List<AuditRecord> batch) {
        return entries.tryTransactionLock(tx, LOCK_KEY)
                .flatMap(locked -> locked
                        ? entries.head(tx).flatMap(head -> chainBatch(tx, head, batch))
                        : Uni.createFrom().item(LOCKED));
    }

    private Uni<Integer> chainBatch(SqlConnection tx, Optional<AuditRepository.Head> head, List<AuditRecord> batch) {
        long lastSeq = head.map(AuditRepository.Head::seq).orElse(0L);
        byte[] lastChain = head.map(AuditRepository.Head::chain).orElseGet(AuditCanonical::genesis);
        return entries.pending(tx, config.batchSize())
                .flatMap(pending -> {
                    if (pending.isEmpty()) {
                        return checkpointIfDue(tx, lastSeq, lastChain).replaceWith(0);
                    }
                    List<AuditEntry> chained = new ArrayList<>(pending.size());
                    List<Long> ids = new ArrayList<>(pending.size());
                    long seq = lastSeq;
                    byte[] chain = lastChain;
                    for (AuditRepository.Pending entry : pending) {
                        seq++;
                        byte[] leaf = AuditCanonical.leaf(
                                AuditCanonical.entryBytes(seq, entry.recordedAt(), entry.record()));
                        chain = AuditCanonical.chain(chain, leaf);
                        chained.add(new AuditEntry(seq, entry.recordedAt(), entry.record(), leaf, chain));
                        ids.add(entry.id());
                        batch.add(entry.record());
                    }
                    long size = seq;
                    byte[] chainHead = chain;
                    return entries.insertEntries(tx, chained)
                            .flatMap(ignored -> entries.deletePending(tx, ids))
                            .flatMap(ignored -> checkpointIfDue(tx, size, chainHead))
                            .replaceWith(pending.size());
                });
    }

    private Uni<Void> checkpointIfDue(SqlConnection tx, long size, byte[] head) {
        if (size == 0) {
            return Uni.createFrom().voidItem();
        }
        return checkpoints.lastPosition(tx)
                .flatMap(last -> {
                    Instant now = clock.instant();
                    if (last.isPresent()) {
                        long lastSize = last.get().size();
                        Instant lastAt = last.get().signedAt();
                        boolean due = size > lastSize && (size - lastSize >= config.checkpointEvery()
                                || !now.isBefore(lastAt.plus(config.checkpointInterval())));
                        if (!due) {
                            return Uni.createFrom().voidItem();
                        }
                    }
                    return checkpoints.insert(tx, CheckpointSignatures.sign(identity, size, head, now));
                });
    }
}
