package nl.overdracht.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.overdracht.platform.Prunable;

/**
 * The SQL of {@code outbox_event}. Which events are written, and who publishes them when, is the
 * {@link Outbox}'s and the {@link OutboxRelay}'s; this class only reads and writes rows.
 */
@ApplicationScoped
public class OutboxRepository {

    /**
     * An event waiting to be published.
     *
     * @param position its place in the order events were written
     */
    record Unpublished(long position, OutboxEvent event) {
    }

    /** Inserts {@code event} within {@code tx}. */
    Uni<Void> insert(SqlClient tx, OutboxEvent event) {
        return tx.preparedQuery("INSERT INTO outbox_event (event_id, aggregate_type, aggregate_id, event_type, payload, "
                + "created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(event.eventId(), event.aggregateType(), event.aggregateId(), event.type(),
                        event.payload(), event.occurredAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Takes the transaction-scoped advisory lock {@code key} if it is free; false when another holds it. */
    Uni<Boolean> tryTransactionLock(SqlConnection tx, long key) {
        return tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS leader")
                .execute(Tuple.of(key))
                .map(lock -> lock.iterator().next().getBoolean("leader"));
    }

    /** The oldest {@code limit} events not yet published, in the order they were written. */
    Uni<List<Unpublished>> unpublished(SqlConnection tx, int limit) {
        return tx.preparedQuery("SELECT position, event_id, aggregate_type, aggregate_id, event_type, payload, created_at "
                + "FROM outbox_event WHERE published_at IS NULL ORDER BY position LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Unpublished> events = new ArrayList<>(rows.size());
                    rows.forEach(row -> events.add(new Unpublished(row.getLong("position"),
                            new OutboxEvent(row.getUUID("event_id"), row.getString("aggregate_type"),
                                    row.getUUID("aggregate_id"), row.getString("event_type"),
                                    (JsonObject) row.getValue("payload"), row.getOffsetDateTime("created_at").toInstant()))));
                    return events;
                });
    }

    /**
     * What waits to be published.
     *
     * @param count how many events
     * @param oldest when the oldest of them was written; empty when every event is published
     */
    public record Backlog(long count, Optional<Instant> oldest) {
        public Backlog {
            Objects.requireNonNull(oldest, "oldest");
        }

        static final Backlog NONE = new Backlog(0, Optional.empty());
    }

    /** What waits to be published now. */
    public Uni<Backlog> backlog(SqlClient client) {
        return client.query("SELECT count(*) AS n, min(created_at) AS oldest FROM outbox_event WHERE published_at IS NULL")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Backlog(row.getLong("n"),
                            Optional.ofNullable(row.getOffsetDateTime("oldest")).map(OffsetDateTime::toInstant));
                });
    }

    /** Deletes up to {@code limit} events published more than {@code period} before {@code now}, oldest first. */
    Uni<Integer> deletePublished(SqlClient client, Instant now, Duration period, int limit) {
        return client.preparedQuery("DELETE FROM outbox_event WHERE position IN (SELECT position FROM outbox_event "
                        + "WHERE published_at IS NOT NULL AND " + Prunable.olderThan("published_at")
                        + " ORDER BY position LIMIT $3)")
                .execute(Prunable.arguments(now, period, limit))
                .map(SqlResult::rowCount);
    }

    /** Marks the events at these positions published at {@code at}. */
    Uni<Void> markPublished(SqlConnection tx, Long[] positions, Instant at) {
        return tx.preparedQuery("UPDATE outbox_event SET published_at = $1 WHERE position = ANY($2)")
                .execute(Tuple.of(at.atOffset(ZoneOffset.UTC), positions))
                .replaceWithVoid();
    }
}
