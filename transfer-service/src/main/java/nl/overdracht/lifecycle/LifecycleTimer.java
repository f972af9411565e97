package nl.overdracht.lifecycle;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.enrolment.EnrolmentPurge;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;
import nl.overdracht.profile.Profile;
import nl.overdracht.profile.ProfileCatalog;

/**
 * Moves dossiers whose time has come: the objection window elapsed → RELEASED (an OBJECTED dossier
 * too, when its profile makes sections mandatory: those are still delivered); no enrolment before
 * the profile's expiry → EXPIRED; retention over → PURGED (the revisions' ciphertext and wrapped
 * keys, the pupil id and its blind index deleted; every {@link DossierPurgeHook} deletes its
 * package's part: the parents' inspection reasons, the delivery package, the matched enrolment's
 * pupil id, the warm handover; the row keeps ids, states, times and hashes). Enrolments that matched no dossier are purged once
 * they are older than the configured retention ({@value #UNMATCHED_ENROLMENT_RETENTION}). Each
 * round takes a batch with {@code FOR UPDATE SKIP LOCKED}, so any number of instances share the
 * work and none takes a dossier or enrolment another holds.
 */
@ApplicationScoped
public class LifecycleTimer {

    private static final AuditActor TIMER = AuditActor.system("lifecycle-timer");

    public static final String UNMATCHED_ENROLMENT_RETENTION = "overdracht.lifecycle.unmatched-enrolment-retention";

    @Inject
    Pool pool;

    @Inject
    TransitionService transitions;

    @Inject
    DossierRepository dossiers;

    @Inject
    Instance<DossierPurgeHook> purgeHooks;

    @Inject
    ProfileCatalog profiles;

    @Inject
    EnrolmentPurge enrolmentPurge;

    @Inject
    Clock clock;

    @Inject
    BackgroundWork work;

    /** Dossiers (or unmatched enrolments) moved per transaction ({@link LifecycleConfig#batchSize()}). */
    int batchSize;

    /** {@link LifecycleConfig#unmatchedEnrolmentRetention()}. */
    Duration unmatchedEnrolmentRetention;

    @Inject
    void configure(LifecycleConfig config) {
        batchSize = config.batchSize();
        unmatchedEnrolmentRetention = config.unmatchedEnrolmentRetention();
    }

    @Scheduled(every = "${overdracht.lifecycle.timer-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return work.round(BackgroundRound.LIFECYCLE_TIMER, this::runDue);
    }

    /**
     * Releases, expires and purges every dossier due now, and purges the unmatched enrolments past
     * their retention; answers how many dossiers moved (purged enrolments are not counted).
     */
    public Uni<Integer> runDue() {
        return untilDone(this::releaseBatch)
                .flatMap(released -> untilDone(this::expireBatch).map(expired -> released + expired))
                .flatMap(moved -> untilDone(this::purgeBatch).map(purged -> moved + purged))
                .flatMap(moved -> untilDone(this::purgeUnmatchedEnrolmentBatch).replaceWith(moved));
    }

    /** Releases the dossiers whose window has elapsed; answers how many. */
    public Uni<Integer> releaseDue() {
        return untilDone(this::releaseBatch);
    }

    private Uni<Integer> untilDone(java.util.function.Supplier<Uni<Integer>> batch) {
        return batch.get().flatMap(count -> count < batchSize ? Uni.createFrom().item(count)
                : untilDone(batch).map(more -> count + more));
    }

    private Uni<Integer> releaseBatch() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> dossiers.lockReleaseDue(tx, now, batchSize)
                .flatMap(due -> each(due, dossier -> transitions.apply(tx, dossier.id(), release(dossier, now), now, TIMER))));
    }

    /** The window elapsed: an open window releases; an OBJECTED dossier still owes its mandatory sections. */
    private static TransferState.Step<TransferState.Released> release(Dossier dossier, Instant now) {
        if (dossier.state() instanceof TransferState.ObjectionWindow window) {
            return window.release(now);
        }
        if (dossier.state() instanceof TransferState.Objected objected) {
            return objected.release(now);
        }
        throw new IllegalStateException("not due for release: " + dossier);
    }

    private Uni<Integer> expireBatch() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> dossiers.lockExpiryDue(tx, now, batchSize)
                .flatMap(due -> each(due, dossier -> transitions.apply(tx, dossier.id(),
                        ((TransferState.AwaitingEnrolment) dossier.state()).expire(now, profile(dossier).retention().afterExpiry()),
                        now, TIMER))));
    }

    private Uni<Integer> purgeBatch() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> dossiers.lockPurgeDue(tx, now, batchSize)
                .flatMap(due -> each(due, dossier -> purge(tx, dossier, now))));
    }

    private Uni<TransferState.Purged> purge(SqlConnection tx, Dossier dossier, Instant now) {
        Uni<Void> parts = dossiers.purgeRevisions(tx, dossier.id());
        for (DossierPurgeHook hook : purgeHooks) {
            parts = parts.flatMap(done -> hook.purge(tx, dossier.id(), now));
        }
        return parts.flatMap(done -> transitions.apply(tx, dossier.id(),
                ((TransferState.Ended) dossier.state()).purge(now), now, TIMER));
    }

    private Uni<Integer> purgeUnmatchedEnrolmentBatch() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> enrolmentPurge.purgeUnmatchedBatch(tx,
                now.minus(unmatchedEnrolmentRetention), now, batchSize));
    }

    /** Applies {@code step} to each dossier in turn (one connection carries one query at a time). */
    private static Uni<Integer> each(List<Dossier> rows, java.util.function.Function<Dossier, Uni<?>> step) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(step)
                .collect().last()
                .replaceWith(rows.size());
    }

    /**
     * The dossier's profile version; when that version has left the catalogue, the profile's newest
     * version, whose times then apply, so that one retired version never stalls the timer.
     */
    private Profile profile(Dossier dossier) {
        String id = dossier.profileId();
        return profiles.find(id, dossier.profileVersion())
                .or(() -> profiles.all().stream().filter(p -> p.id().equals(id))
                        .max(java.util.Comparator.comparing(Profile::version)))
                .orElseThrow(() -> new IllegalStateException("No version of profile " + id + " is configured"));
    }
}
