package nl.overdracht.delivery;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.lifecycle.DossierStateChanged;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.outbox.OutboxEvent;
import nl.overdracht.outbox.ProcessedEvents;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;
import nl.overdracht.registry.RegistryListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Drives {@link DeliveryPackager}: on each RELEASE event from {@code dossier-events} (idempotent:
 * the event id is recorded in the same transaction as the package), when the registry changes a
 * school (a certificate added or revoked: waiting dossiers are packaged, unacknowledged packages
 * re-encrypted), and periodically ({@code overdracht.delivery.retry-interval}) for anything those
 * missed, such as a certificate that expired.
 *
 * <p>A failure is logged by dossier id and exception class only, and the dossier is retried on the
 * next round; the consumer never stops on one bad dossier.
 */
@ApplicationScoped
public class DeliveryWorker implements RegistryListener {

    static final String CONSUMER = "delivery";
    private static final AuditActor WORKER = AuditActor.system("delivery-worker");
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    @Inject
    Pool pool;

    @Inject
    ProcessedEvents processed;

    @Inject
    DeliveryPackager packager;

    @Inject
    DossierRepository dossiers;

    @Inject
    Clock clock;

    @Inject
    BackgroundWork work;

    /** Dossiers looked at per retry round or registry change ({@link DeliveryConfig#batchSize()}). */
    int batchSize;

    /** Dossiers a round packages at the same time: as many as this instance's consumers of the RELEASE events. */
    @ConfigProperty(name = "mp.messaging.incoming.dossier-events-delivery.concurrency", defaultValue = "1")
    int parallelRefreshes;

    @Inject
    void configure(DeliveryConfig config) {
        batchSize = config.batchSize();
    }

    @Incoming("dossier-events-delivery")
    public Uni<Void> consume(String record) {
        return work.handling(() -> consumeNow(record));
    }

    private Uni<Void> consumeNow(String record) {
        return OutboxEvent.parse(record).map(event -> handle(event).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Packaging dossier %s failed (%s); the retry takes it up", event.aggregateId(),
                    failure.getClass().getSimpleName());
            return false;
        }).replaceWithVoid()).orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** Packages the dossier of a RELEASE event; answers whether the event was new to this consumer. */
    public Uni<Boolean> handle(OutboxEvent event) {
        if (DossierStateChanged.from(event).filter(change -> change.transition() == TransitionName.RELEASE).isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return pool.withTransaction(tx -> processed.firstTime(tx, CONSUMER, event.eventId())
                .flatMap(first -> !first ? Uni.createFrom().item(false)
                        : packager.refresh(tx, event.aggregateId(), WORKER).replaceWith(true)));
    }

    @Scheduled(every = "${overdracht.delivery.retry-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return work.round(BackgroundRound.DELIVERY_RETRY, this::retryDue);
    }

    /** One round over every school: answers how many dossiers were packaged, re-encrypted or withheld. */
    public Uni<Integer> retryDue() {
        return refreshDue(Optional.empty());
    }

    /**
     * A certificate of {@code schoolId} was added or revoked, or the school changed: its waiting
     * dossiers are packaged and its unacknowledged packages re-encrypted in the background, never
     * inside the registry request. Work that fails or is cut short is done by the next retry round.
     */
    @Override
    public Uni<Void> schoolChanged(String schoolId) {
        work.round("Packaging after a change of school " + schoolId, () -> refreshDue(Optional.of(schoolId)))
                .subscribe().with(done -> { });
        return Uni.createFrom().voidItem();
    }

    /**
     * Dossiers with work to do: released ones whose receiving school can receive now, and
     * unacknowledged packages whose certificate is no longer the school's current one.
     */
    private Uni<Integer> refreshDue(Optional<String> school) {
        return dossiers.dueForPackaging(pool, clock.instant(), batchSize, school).flatMap(this::refreshEach);
    }

    private Uni<Integer> refreshEach(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // distinct dossiers, each locked by its own transaction: packaged side by side, a few at a time
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUni(id -> pool.withTransaction(tx -> packager.refresh(tx, id, WORKER))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Packaging dossier %s failed (%s); retried on the next round", id,
                                    failure.getClass().getSimpleName());
                            return DeliveryPackager.Outcome.UNCHANGED;
                        })).merge(parallelRefreshes)
                .filter(outcome -> outcome == DeliveryPackager.Outcome.PACKAGED
                        || outcome == DeliveryPackager.Outcome.REPACKAGED || outcome == DeliveryPackager.Outcome.WITHHELD)
                .collect().asList()
                .map(List::size);
    }
}
