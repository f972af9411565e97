package nl.overdracht.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import nl.overdracht.platform.HousekeepingConfig;
import nl.overdracht.platform.Prunable;

/**
 * Writes events into the outbox, inside the transaction of the state change they report. An event
 * the relay published is kept for {@code overdracht.housekeeping.published-events}, then pruned;
 * an unpublished one is never pruned.
 */
@ApplicationScoped
public class Outbox implements Prunable {

    @Inject
    OutboxRepository events;

    @Inject
    Pool pool;

    @Inject
    HousekeepingConfig housekeeping;

    /** Adds {@code event} to the outbox within {@code tx}; it is published only if {@code tx} commits. */
    public Uni<Void> write(SqlConnection tx, OutboxEvent event) {
        return events.insert(tx, event);
    }

    @Override
    public String what() {
        return "published outbox events";
    }

    @Override
    public Uni<Integer> prune(Instant now, int limit) {
        return events.deletePublished(pool, now, housekeeping.publishedEvents(), limit);
    }
}
