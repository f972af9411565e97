package nl.overdracht.notification;

import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.lifecycle.DossierStateChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import nl.overdracht.outbox.OutboxEvent;
import nl.overdracht.outbox.ProcessedEvents;
import nl.overdracht.platform.BackgroundWork;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code dossier-events} and tells the sending school what happened to its dossier
 * (matched with an enrolment, released, objected, expired, acknowledged). Idempotent: the event id
 * is recorded in the same transaction as the notification, so a redelivered event adds nothing.
 */
@ApplicationScoped
public class SchoolNotifications {

    static final String CONSUMER = "school-notifications";

    @Inject
    Pool pool;

    @Inject
    NotificationRepository notifications;

    @Inject
    ProcessedEvents processed;

    @Inject
    Clock clock;

    @Inject
    BackgroundWork work;

    private static final Logger LOG = Logger.getLogger(SchoolNotifications.class);
    private static final Duration RETRY_MIN = Duration.ofMillis(200);
    static final Duration RETRY_MAX = Duration.ofSeconds(5);

    @Incoming("dossier-events-notifications")
    public Uni<Void> consume(String record) {
        return work.handling(() -> OutboxEvent.parse(record).map(this::untilHandled)
                .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    /**
     * Handles the event, trying again (backing off up to {@link #RETRY_MAX}) while it fails, for as
     * long as the service runs: a notification has no other way to be written, and a failure handed
     * to the connector would stop this consumer for good. While the database is away the partition
     * waits here, in order; once the service stops, the event is left unacknowledged and comes again.
     */
    private Uni<Void> untilHandled(OutboxEvent event) {
        return handle(event).replaceWithVoid()
                .onFailure(failure -> !work.stopping()).invoke(failure -> LOG.warnf(
                        "Notifying of event %s failed (%s); trying again", event.eventId(), failure.getClass().getSimpleName()))
                .onFailure(failure -> !work.stopping()).retry().withBackOff(RETRY_MIN, RETRY_MAX).indefinitely();
    }

    /**
     * The transitions a sending school hears of. Not its own acts (submit, revise), nor a package
     * re-encrypted to the receiving school's new certificate: for the sender nothing changed.
     */
    static final Set<TransitionName> NOTIFIED = Set.copyOf(EnumSet.complementOf(
            EnumSet.of(TransitionName.ACCEPT, TransitionName.REVISE, TransitionName.REPACKAGE)));

    /** Applies one event; answers whether it had an effect (false for a redelivery or an event of no interest). */
    public Uni<Boolean> handle(OutboxEvent event) {
        Optional<DossierStateChanged> change = DossierStateChanged.from(event)
                .filter(changed -> NOTIFIED.contains(changed.transition()));
        if (change.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return pool.withTransaction(tx -> processed.firstTime(tx, CONSUMER, event.eventId())
                .flatMap(first -> !first ? Uni.createFrom().item(false)
                        : notifications.notifySender(tx, change.get().dossierId(), change.get().state(), event.eventId(),
                                clock.instant())));
    }
}
