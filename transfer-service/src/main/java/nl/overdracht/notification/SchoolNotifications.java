package nl.overdracht.notification;

import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.lifecycle.DossierStateChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import nl.overdracht.outbox.EventConsumption;
import nl.overdracht.outbox.OutboxEvent;
import nl.overdracht.outbox.ProcessedEvents;
import org.eclipse.microprofile.reactive.messaging.Incoming;

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
    EventConsumption consumption;

    @Incoming("dossier-events-notifications")
    public Uni<Void> consume(String record) {
        return consumption.untilHandled(record, "Notifying of event", this::handle);
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
