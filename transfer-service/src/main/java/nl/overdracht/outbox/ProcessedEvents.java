package nl.overdracht.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;

/**
 * The processed-event log. A consumer calls {@link #firstTime} in the same transaction as its
 * effect and applies the effect only when it answers true: a redelivered event changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    ProcessedEventRepository log;

    @Inject
    Clock clock;

    /** Records that {@code consumer} processes {@code eventId}; false when it already had. */
    public Uni<Boolean> firstTime(SqlConnection tx, String consumer, UUID eventId) {
        return log.insertIfAbsent(tx, consumer, eventId, clock.instant());
    }
}
