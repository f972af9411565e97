package nl.overdracht.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import nl.overdracht.platform.Prunable;

/** The SQL of {@code processed_event}, the log that keeps consumers idempotent ({@link ProcessedEvents}). */
@ApplicationScoped
class ProcessedEventRepository {

    /** Inserts ({@code consumer}, {@code eventId}) unless it is there already; true when this call inserted it. */
    Uni<Boolean> insertIfAbsent(SqlClient tx, String consumer, UUID eventId, Instant processedAt) {
        return tx.preparedQuery("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ($1, $2, $3) "
                + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(consumer, eventId, processedAt.atOffset(ZoneOffset.UTC)))
                .map(result -> result.rowCount() == 1);
    }

    /** Deletes up to {@code limit} records of events processed more than {@code period} before {@code now}. */
    Uni<Integer> deleteOlderThan(SqlClient client, Instant now, Duration period, int limit) {
        return client.preparedQuery("DELETE FROM processed_event WHERE ctid = ANY(ARRAY(SELECT ctid FROM processed_event "
                        + "WHERE " + Prunable.olderThan("processed_at") + " LIMIT $3))")
                .execute(Prunable.arguments(now, period, limit))
                .map(SqlResult::rowCount);
    }
}
