package nl.overdracht.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.lifecycle.DossierStateChanged;
import nl.overdracht.outbox.EventConsumption;
import nl.overdracht.outbox.OutboxEvent;
import nl.overdracht.outbox.ProcessedEvents;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns what happens to dossiers into notifications queued for the schools concerned that have an
 * endpoint: the consumer of {@code dossier-events} (group {@code overdracht-webhooks}) for state
 * changes, idempotent through the processed-event log written in the same transaction as the
 * queued rows; and {@link #enrolmentConflict}, which the enrolment package calls inside the
 * transaction that records the conflict. Kafka keeps a dossier's events in order, so their
 * notifications are queued, and sent, in order.
 */
@ApplicationScoped
public class WebhookEvents {

    static final String CONSUMER = "webhooks";

    @Inject
    Pool pool;

    @Inject
    WebhookRepository webhooks;

    @Inject
    DossierRepository dossiers;

    @Inject
    ProcessedEvents processed;

    @Inject
    Clock clock;

    @Inject
    EventConsumption consumption;

    @Incoming("dossier-events-webhooks")
    public Uni<Void> consume(String record) {
        return consumption.untilHandled(record, "Queueing webhooks for event", this::handle);
    }

    /** Applies one event; answers how many notifications it queued (none for a redelivery or an event no school is pushed). */
    public Uni<Integer> handle(OutboxEvent event) {
        Optional<DossierStateChanged> change = DossierStateChanged.from(event);
        Optional<WebhookEventType> type = change.flatMap(changed -> WebhookEventType.of(changed.transition()));
        if (type.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        DossierStateChanged changed = change.get();
        return pool.withTransaction(tx -> processed.firstTime(tx, CONSUMER, event.eventId())
                .flatMap(first -> !first ? Uni.createFrom().item(0)
                        : queue(tx, type.get(), changed.dossierId(), changed.state(), Optional.empty(), changed.at())));
    }

    /**
     * In the transaction that records it: an enrolment did not match the dossier because the dossier
     * names another receiving school; the sending school hears of it.
     */
    public Uni<Integer> enrolmentConflict(SqlConnection tx, UUID dossierId, String dossierState, UUID enrolmentId,
            Instant at) {
        return queue(tx, WebhookEventType.ENROLMENT_CONFLICT, dossierId, dossierState, Optional.of(enrolmentId), at);
    }

    /**
     * In the transaction of the reminder round: a requested warm handover has not been scheduled in
     * time; the receiving school hears of it. {@code dossierState} is the dossier's state.
     */
    public Uni<Integer> handoverReminder(SqlConnection tx, UUID dossierId, String dossierState, Instant at) {
        return queue(tx, WebhookEventType.HANDOVER_REMINDER, dossierId, dossierState, Optional.empty(), at);
    }

    private Uni<Integer> queue(SqlConnection tx, WebhookEventType type, UUID dossierId, String state,
            Optional<UUID> enrolmentId, Instant at) {
        return dossiers.parties(tx, dossierId).flatMap(schools -> {
            if (schools.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<String> concerned = new ArrayList<>();
            if (type.audiences().contains(WebhookEventType.Audience.SENDING)) {
                concerned.add(schools.get().sendingSchool());
            }
            Optional.ofNullable(schools.get().receivingSchool())
                    .filter(receiving -> type.audiences().contains(WebhookEventType.Audience.RECEIVING))
                    .filter(receiving -> !concerned.contains(receiving))
                    .ifPresent(concerned::add);
            return webhooks.withEndpoint(tx, concerned).flatMap(listening -> {
                Instant now = clock.instant();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (String school : concerned) {
                    if (listening.contains(school)) {
                        WebhookEvent event = new WebhookEvent(UUID.randomUUID(), type, dossierId, state, enrolmentId, at);
                        chain = chain.flatMap(done -> webhooks.enqueue(tx, event, school, now));
                    }
                }
                int count = (int) concerned.stream().filter(listening::contains).count();
                return chain.replaceWith(count);
            });
        });
    }
}
