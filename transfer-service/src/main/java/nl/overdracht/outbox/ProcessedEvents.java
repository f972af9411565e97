package nl.overdracht.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The processed-event log. A consumer calls {@link #firstTime} in the same transaction as its
 * effect and applies the effect only when it answers true: a redelivered event changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    Clock clock;

    /** Records that {@code consumer} processes {@code eventId}; false when it already had. */
    public Uni<Boolean> firstTime(SqlConnection tx, String consumer, UUID eventId) {
        return tx.preparedQuery("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ($1, $2, $3) "
                + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(consumer, eventId, clock.instant().atOffset(ZoneOffset.UTC)))
                .map(result -> result.rowCount() == 1);
    }
}
