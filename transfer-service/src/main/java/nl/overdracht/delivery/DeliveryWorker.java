package nl.overdracht.delivery;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.lifecycle.TransitionService;
import nl.overdracht.outbox.OutboxEvent;
import nl.overdracht.outbox.ProcessedEvents;
import nl.overdracht.registry.RegistryListener;
import nl.overdracht.registry.SchoolDirectory;
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
    Clock clock;

    /** Dossiers looked at per retry round or registry change; the rest follow on the next round. */
    @ConfigProperty(name = "overdracht.delivery.batch-size", defaultValue = "200")
    int batchSize;

    @Incoming("dossier-events-delivery")
    public Uni<Void> consume(String record) {
        return OutboxEvent.parse(record).map(event -> handle(event).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Packaging dossier %s failed (%s); the retry takes it up", event.aggregateId(),
                    failure.getClass().getSimpleName());
            return false;
        }).replaceWithVoid()).orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** Packages the dossier of a RELEASE event; answers whether the event was new to this consumer. */
    public Uni<Boolean> handle(OutboxEvent event) {
        if (!TransitionService.EVENT_TYPE.equals(event.type())
                || !TransitionName.RELEASE.name().equals(event.payload().getString("transition"))) {
            return Uni.createFrom().item(false);
        }
        return pool.withTransaction(tx -> processed.firstTime(tx, CONSUMER, event.eventId())
                .flatMap(first -> !first ? Uni.createFrom().item(false)
                        : packager.refresh(tx, event.aggregateId(), WORKER).replaceWith(true)));
    }

    @Scheduled(every = "${overdracht.delivery.retry-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return retryDue().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Delivery retry round failed (%s); it runs again on the next tick",
                    failure.getClass().getSimpleName());
            return 0;
        }).replaceWithVoid();
    }

    /** One round over every school: answers how many dossiers were packaged, re-encrypted or withheld. */
    public Uni<Integer> retryDue() {
        return refreshDue(Optional.empty());
    }

    @Override
    public Uni<Void> schoolChanged(String schoolId) {
        return refreshDue(Optional.of(schoolId)).replaceWithVoid();
    }

    /**
     * Dossiers with work to do: released ones whose receiving school can receive now, and
     * unacknowledged packages whose certificate is no longer the school's current one.
     */
    private Uni<Integer> refreshDue(Optional<String> school) {
        String released = "SELECT d.id FROM dossier d JOIN school s ON s.id = d.receiving_school "
                + "WHERE d.state = 'RELEASED' AND s.status = 'ACTIVE' "
                + "AND (d.profile_id || '@' || d.profile_version) = ANY (s.accepted_profiles) "
                + "AND (" + SchoolDirectory.currentCertificateSql("s.id", "$1") + ") IS NOT NULL"
                + (school.isPresent() ? " AND d.receiving_school = $3" : "");
        String stale = "SELECT p.dossier_id FROM delivery_package p JOIN dossier d ON d.id = p.dossier_id "
                + "WHERE d.state = 'DELIVERABLE' AND p.acknowledged_at IS NULL AND p.certificate_id IS DISTINCT FROM ("
                + SchoolDirectory.currentCertificateSql("p.receiving_school", "$1") + ")"
                + (school.isPresent() ? " AND p.receiving_school = $3" : "");
        Tuple args = Tuple.of(clock.instant().atOffset(ZoneOffset.UTC), batchSize);
        school.ifPresent(args::addString);
        return pool.preparedQuery("(" + released + ") UNION (" + stale + ") LIMIT $2").execute(args)
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                })
                .flatMap(this::refreshEach);
    }

    private Uni<Integer> refreshEach(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> pool.withTransaction(tx -> packager.refresh(tx, id, WORKER))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Packaging dossier %s failed (%s); retried on the next round", id,
                                    failure.getClass().getSimpleName());
                            return DeliveryPackager.Outcome.UNCHANGED;
                        }))
                .filter(outcome -> outcome == DeliveryPackager.Outcome.PACKAGED
                        || outcome == DeliveryPackager.Outcome.REPACKAGED || outcome == DeliveryPackager.Outcome.WITHHELD)
                .collect().asList()
                .map(List::size);
    }
}
