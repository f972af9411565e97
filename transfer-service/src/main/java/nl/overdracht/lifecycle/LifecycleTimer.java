package nl.overdracht.lifecycle;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.enrolment.EnrolmentPurge;
import nl.overdracht.profile.Profile;
import nl.overdracht.profile.ProfileCatalog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves dossiers whose time has come: the objection window elapsed → RELEASED (an OBJECTED dossier
 * too, when its profile makes sections mandatory: those are still delivered); no enrolment before
 * the profile's expiry → EXPIRED; retention over → PURGED (ciphertext and wrapped keys deleted:
 * revisions, pupil id, the parents' inspection reasons, the delivery package; the pupil's blind
 * index deleted; the enrolment the dossier matched purged with it by {@link EnrolmentPurge}; the
 * row keeps ids, states, times and hashes). Enrolments that matched no dossier are purged once
 * they are older than the configured retention ({@value #UNMATCHED_ENROLMENT_RETENTION}). Each
 * round takes a batch with {@code FOR UPDATE SKIP LOCKED}, so any number of instances share the
 * work and none takes a dossier or enrolment another holds.
 */
@ApplicationScoped
public class LifecycleTimer {

    private static final Logger LOG = Logger.getLogger(LifecycleTimer.class);
    private static final AuditActor TIMER = AuditActor.system("lifecycle-timer");

    public static final String UNMATCHED_ENROLMENT_RETENTION = "overdracht.lifecycle.unmatched-enrolment-retention";
    /** As long as the longest profile expiry (OSO: 180 days) lets a dossier wait for its enrolment. */
    public static final String UNMATCHED_ENROLMENT_RETENTION_DEFAULT = "P180D";

    @Inject
    Pool pool;

    @Inject
    TransitionService transitions;

    @Inject
    ProfileCatalog profiles;

    @Inject
    EnrolmentPurge enrolmentPurge;

    @Inject
    Clock clock;

    /** Dossiers (or unmatched enrolments) moved per transaction. */
    @ConfigProperty(name = "overdracht.lifecycle.batch-size", defaultValue = "500")
    int batchSize;

    /** How long an enrolment that matched no dossier waits, counted from when it was recorded, before its purge. */
    @ConfigProperty(name = UNMATCHED_ENROLMENT_RETENTION, defaultValue = UNMATCHED_ENROLMENT_RETENTION_DEFAULT)
    Duration unmatchedEnrolmentRetention;

    /** A retention of zero or less would purge enrolments before any dossier could match them: refused at start. */
    void checkRetention(@Observes StartupEvent started) {
        if (unmatchedEnrolmentRetention.isNegative() || unmatchedEnrolmentRetention.isZero()) {
            throw new IllegalArgumentException(UNMATCHED_ENROLMENT_RETENTION + " must be positive");
        }
    }

    @Scheduled(every = "${overdracht.lifecycle.timer-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return runDue().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Lifecycle round failed (%s); it retries on the next tick", failure.getClass().getSimpleName());
            return 0;
        }).replaceWithVoid();
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
        // An OBJECTED dossier whose life has not ended still owes its mandatory sections (see TransferState).
        return pool.withTransaction(tx -> due(tx, "(state = 'OBJECTION_WINDOW' OR (state = 'OBJECTED' AND ended_at IS NULL)) "
                        + "AND window_ends_at <= $1", now)
                .flatMap(rows -> each(rows, row -> transitions.apply(tx, new TransitionService.Change(row.getUUID("id"),
                        TransferState.of(row.getString("state")), TransitionName.RELEASE, now, TIMER)
                        .with("released_at", now)))));
    }

    private Uni<Integer> expireBatch() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> due(tx, "state = 'AWAITING_ENROLMENT' AND expires_at <= $1", now)
                .flatMap(rows -> each(rows, row -> transitions.apply(tx, new TransitionService.Change(row.getUUID("id"),
                        new TransferState.AwaitingEnrolment(), TransitionName.EXPIRE, now, TIMER)
                        .with("ended_at", now)
                        .with("purge_after", now.plus(profile(row).retention().afterExpiry()))))));
    }

    private Uni<Integer> purgeBatch() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> due(tx, "purged_at IS NULL AND purge_after <= $1 "
                        + "AND state IN ('ACKNOWLEDGED', 'OBJECTED', 'WITHDRAWN', 'EXPIRED')", now)
                .flatMap(rows -> each(rows, row -> purge(tx, row, now))));
    }

    private Uni<TransferState> purge(SqlConnection tx, Row row, Instant now) {
        return tx.preparedQuery("UPDATE dossier_revision SET ciphertext = NULL, wrapped_key = NULL, key_version = NULL "
                        + "WHERE dossier_id = $1").execute(Tuple.of(row.getUUID("id")))
                .flatMap(done -> tx.preparedQuery("UPDATE inspection SET reason_ciphertext = NULL, "
                        + "reason_wrapped_key = NULL, reason_key_version = NULL WHERE dossier_id = $1")
                        .execute(Tuple.of(row.getUUID("id"))))
                .flatMap(done -> tx.preparedQuery("DELETE FROM delivery_package WHERE dossier_id = $1")
                        .execute(Tuple.of(row.getUUID("id"))))
                .flatMap(done -> enrolmentPurge.purgeOfDossier(tx, row.getUUID("id"), now))
                .flatMap(done -> transitions.apply(tx, new TransitionService.Change(row.getUUID("id"),
                        TransferState.of(row.getString("state")), TransitionName.PURGE, now, TIMER)
                        .with("purged_at", now)
                        .with("pupil_index", null)
                        .with("pupil_id_ciphertext", null)
                        .with("pupil_id_wrapped_key", null)
                        .with("pupil_id_key_version", null)));
    }

    private Uni<Integer> purgeUnmatchedEnrolmentBatch() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> enrolmentPurge.purgeUnmatchedBatch(tx,
                now.minus(unmatchedEnrolmentRetention), now, batchSize));
    }

    private Uni<List<Row>> due(SqlConnection tx, String condition, Instant now) {
        return tx.preparedQuery("SELECT id, state, profile_id, profile_version FROM dossier WHERE " + condition
                        + " ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), batchSize))
                .map(rows -> {
                    List<Row> out = new ArrayList<>();
                    rows.forEach(out::add);
                    return out;
                });
    }

    /** Applies {@code step} to each row in turn (one connection carries one query at a time). */
    private static Uni<Integer> each(List<Row> rows, java.util.function.Function<Row, Uni<?>> step) {
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
    private Profile profile(Row row) {
        String id = row.getString("profile_id");
        return profiles.find(id, row.getString("profile_version"))
                .or(() -> profiles.all().stream().filter(p -> p.id().equals(id))
                        .max(java.util.Comparator.comparing(Profile::version)))
                .orElseThrow(() -> new IllegalStateException("No version of profile " + id + " is configured"));
    }
}
