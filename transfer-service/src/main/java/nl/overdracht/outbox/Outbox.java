package nl.overdracht.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Writes events into the outbox, inside the transaction of the state change they report. */
@ApplicationScoped
public class Outbox {

    @Inject
    OutboxRepository events;

    /** Adds {@code event} to the outbox within {@code tx}; it is published only if {@code tx} commits. */
    public Uni<Void> write(SqlConnection tx, OutboxEvent event) {
        return events.insert(tx, event);
    }
}
