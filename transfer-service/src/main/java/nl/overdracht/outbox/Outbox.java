package nl.overdracht.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;

/** Writes events into the outbox, inside the transaction of the state change they report. */
@ApplicationScoped
public class Outbox {

    /** Adds {@code event} to the outbox within {@code tx}; it is published only if {@code tx} commits. */
    public Uni<Void> write(SqlConnection tx, OutboxEvent event) {
        return tx.preparedQuery("INSERT INTO outbox_event (event_id, aggregate_type, aggregate_id, event_type, payload, "
                + "created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(event.eventId(), event.aggregateType(), event.aggregateId(), event.type(),
                        event.payload(), event.occurredAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
