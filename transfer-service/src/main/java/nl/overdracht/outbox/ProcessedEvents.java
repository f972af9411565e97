package nl.overdracht.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import nl.overdracht.platform.HousekeepingConfig;
import nl.overdracht.platform.Prunable;

/**
 * The processed-event log. A consumer calls {@link #firstTime} in the same transaction as its
 * effect and applies the effect only when it answers true: a redelivered event changes nothing.
 * A record is kept for {@code overdracht.housekeeping.processed-events}, longer than the topic keeps
 * the event, then pruned.
 */
@ApplicationScoped
public class ProcessedEvents implements Prunable {

    @Inject
    ProcessedEventRepository log;

    @Inject
    Clock clock;

    @Inject
    Pool pool;

    @Inject
    HousekeepingConfig housekeeping;

    /** Records that {@code consumer} processes {@code eventId}; false when it already had. */
    public Uni<Boolean> firstTime(SqlConnection tx, String consumer, UUID eventId) {
        return log.insertIfAbsent(tx, consumer, eventId, clock.instant());
    }

    @Override
    public String what() {
        return "processed-event records";
    }

    @Override
    public Uni<Integer> prune(Instant now, int limit) {
        return log.deleteOlderThan(pool, now, housekeeping.processedEvents(), limit);
    }
}
