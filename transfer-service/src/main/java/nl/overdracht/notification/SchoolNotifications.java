package nl.overdracht.notification;

import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.lifecycle.TransitionService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
    ProcessedEvents processed;

    @Inject
    Clock clock;

    @Incoming("dossier-events-notifications")
    public Uni<Void> consume(String record) {
        return OutboxEvent.parse(record).map(event -> handle(event).replaceWithVoid())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /**
     * The transitions a sending school hears of. Not its own acts (submit, revise), nor a package
     * re-encrypted to the receiving school's new certificate: for the sender nothing changed.
     */
    static final Set<String> NOTIFIED = EnumSet.complementOf(
                    EnumSet.of(TransitionName.ACCEPT, TransitionName.REVISE, TransitionName.REPACKAGE)).stream()
            .map(TransitionName::name).collect(Collectors.toUnmodifiableSet());

    /** Applies one event; answers whether it had an effect (false for a redelivery or an event of no interest). */
    public Uni<Boolean> handle(OutboxEvent event) {
        String transition = event.payload().getString("transition", "");
        if (!TransitionService.EVENT_TYPE.equals(event.type()) || !NOTIFIED.contains(transition)) {
            return Uni.createFrom().item(false);
        }
        return pool.withTransaction(tx -> processed.firstTime(tx, CONSUMER, event.eventId())
                .flatMap(first -> !first ? Uni.createFrom().item(false)
                        : tx.preparedQuery("INSERT INTO school_notification (id, school, dossier_id, kind, event_id, "
                                + "created_at) SELECT $1, sending_school, id, $3, $4, $5 FROM dossier WHERE id = $2")
                                .execute(Tuple.of(UUID.randomUUID(), event.aggregateId(),
                                        event.payload().getString("state"), event.eventId(),
                                        clock.instant().atOffset(ZoneOffset.UTC)))
                                .map(rows -> rows.rowCount() == 1)));
    }
}
