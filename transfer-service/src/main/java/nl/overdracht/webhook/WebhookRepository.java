package nl.overdracht.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.platform.Prunable;

/** The SQL of {@code webhook_endpoint} and {@code webhook_delivery}. */
@ApplicationScoped
public class WebhookRepository {

    /** A school's endpoint as stored. */
    record Endpoint(String school, String url, boolean enabled, Instant createdAt, Instant updatedAt) {
    }

    /** A delivery the sender claimed: its attempt number is already counted. */
    record Claimed(long position, UUID id, String school, UUID dossierId, String eventType, String body, int attempts,
            Optional<String> url) {
    }

    /** The schools of {@code schools} that have an enabled endpoint. */
    Uni<List<String>> withEndpoint(SqlConnection tx, List<String> schools) {
        return tx.preparedQuery("SELECT school FROM webhook_endpoint WHERE school = ANY($1) AND enabled")
                .execute(Tuple.of(schools.toArray(String[]::new)))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(row -> out.add(row.getString("school")));
                    return out;
                });
    }

    /** Queues one notification, due now. */
    Uni<Void> enqueue(SqlConnection tx, WebhookEvent event, String school, Instant now) {
        return tx.preparedQuery("INSERT INTO webhook_delivery (id, school, dossier_id, event_type, body, created_at, "
                        + "next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $6)")
                .execute(Tuple.from(List.of(event.id(), school, event.dossierId(), event.type().wireName(),
                        event.toJson().encode(), utc(now))))
                .replaceWithVoid();
    }

    Uni<Optional<Endpoint>> endpoint(SqlClient client, String school) {
        return client.preparedQuery("SELECT school, url, enabled, created_at, updated_at FROM webhook_endpoint "
                        + "WHERE school = $1")
                .execute(Tuple.of(school))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(endpoint(rows.iterator().next())));
    }

    /** Sets the school's endpoint (enabled); answers whether it had one before. */
    Uni<Boolean> putEndpoint(SqlConnection tx, String school, String url, Instant now) {
        return tx.preparedQuery("INSERT INTO webhook_endpoint (school, url, enabled, created_at, updated_at) "
                        + "VALUES ($1, $2, TRUE, $3, $3) ON CONFLICT (school) DO UPDATE SET url = EXCLUDED.url, "
                        + "enabled = TRUE, updated_at = EXCLUDED.updated_at RETURNING (xmax::text <> '0') AS existed")
                .execute(Tuple.of(school, url, utc(now)))
                .map(rows -> rows.iterator().next().getBoolean("existed"));
    }

    /** Removes the school's endpoint; answers whether it had one. */
    Uni<Boolean> deleteEndpoint(SqlConnection tx, String school) {
        return tx.preparedQuery("DELETE FROM webhook_endpoint WHERE school = $1")
                .execute(Tuple.of(school))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Disables the school's endpoint if it is in {@code region}; answers whether it did. */
    Uni<Boolean> disableInRegion(SqlConnection tx, String school, String region, Instant now) {
        return tx.preparedQuery("UPDATE webhook_endpoint e SET enabled = FALSE, updated_at = $3 WHERE e.school = $1 "
                        + "AND EXISTS (SELECT 1 FROM school s WHERE s.id = e.school AND s.region = $2)")
                .execute(Tuple.of(school, region, utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The endpoints of the region's schools, by school. */
    Uni<List<Endpoint>> endpointsInRegion(SqlClient client, String region) {
        return client.preparedQuery("SELECT e.school, e.url, e.enabled, e.created_at, e.updated_at FROM webhook_endpoint e "
                        + "JOIN school s ON s.id = e.school WHERE s.region = $1 ORDER BY e.school")
                .execute(Tuple.of(region))
                .map(rows -> {
                    List<Endpoint> out = new ArrayList<>();
                    rows.forEach(row -> out.add(endpoint(row)));
                    return out;
                });
    }

    /** Whether the school is registered in {@code region}. */
    Uni<Boolean> inRegion(SqlClient client, String school, String region) {
        return client.preparedQuery("SELECT 1 FROM school WHERE id = $1 AND region = $2")
                .execute(Tuple.of(school, region))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Claims up to {@code limit} due deliveries, each the earliest pending one of its school and
     * dossier, skipping rows another instance holds: counts the attempt and moves the next attempt to
     * {@code leaseUntil}, so a sender that dies mid-attempt leaves the delivery to be tried again then.
     */
    Uni<List<Claimed>> claimDue(SqlClient client, Instant now, Instant leaseUntil, int limit) {
        return client.preparedQuery("UPDATE webhook_delivery w SET attempts = w.attempts + 1, last_attempt_at = $1, "
                        + "next_attempt_at = $2 FROM (SELECT d.position FROM webhook_delivery d "
                        + "WHERE d.next_attempt_at <= $1 AND NOT EXISTS (SELECT 1 FROM webhook_delivery p "
                        + "WHERE p.school = d.school AND p.dossier_id = d.dossier_id AND p.position < d.position "
                        + "AND p.next_attempt_at IS NOT NULL) ORDER BY d.position LIMIT $3 FOR UPDATE SKIP LOCKED) due "
                        + "WHERE w.position = due.position RETURNING w.position, w.id, w.school, w.dossier_id, "
                        + "w.event_type, w.body, w.attempts, (SELECT e.url FROM webhook_endpoint e "
                        + "WHERE e.school = w.school AND e.enabled) AS url")
                .execute(Tuple.of(utc(now), utc(leaseUntil), limit))
                .map(rows -> {
                    List<Claimed> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new Claimed(row.getLong("position"), row.getUUID("id"),
                            row.getString("school"), row.getUUID("dossier_id"), row.getString("event_type"),
                            row.getString("body"), row.getInteger("attempts"), Optional.ofNullable(row.getString("url")))));
                    out.sort((a, b) -> Long.compare(a.position(), b.position()));
                    return out;
                });
    }

    /**
     * Records the outcome of a claimed attempt, unless another attempt has been claimed since (the
     * lease ran out): delivered, to be tried again at {@code nextAttempt}, or given up.
     */
    Uni<Void> recordAttempt(SqlClient client, Claimed claimed, Attempt outcome) {
        return client.preparedQuery("UPDATE webhook_delivery SET last_status = $3, last_error = $4, "
                        + "next_attempt_at = $5, delivered_at = $6, given_up_at = $7 "
                        + "WHERE position = $1 AND attempts = $2 AND next_attempt_at IS NOT NULL")
                .execute(Tuple.from(Arrays.asList(claimed.position(), claimed.attempts(),
                        outcome.status().orElse(null), outcome.error().orElse(null),
                        outcome.nextAttempt().map(WebhookRepository::utc).orElse(null),
                        outcome.deliveredAt().map(WebhookRepository::utc).orElse(null),
                        outcome.givenUpAt().map(WebhookRepository::utc).orElse(null))))
                .replaceWithVoid();
    }

    /** The school's deliveries after position {@code cursor}, oldest first. */
    Uni<List<WebhookDeliveryView>> deliveriesOf(SqlClient client, String school, long cursor, int limit) {
        return client.preparedQuery("SELECT position, id, event_type, dossier_id, created_at, attempts, last_status, "
                        + "last_error, last_attempt_at, next_attempt_at, delivered_at, given_up_at FROM webhook_delivery "
                        + "WHERE school = $1 AND position > $2 ORDER BY position LIMIT $3")
                .execute(Tuple.of(school, cursor, limit))
                .map(rows -> {
                    List<WebhookDeliveryView> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new WebhookDeliveryView(row.getLong("position"), row.getUUID("id"),
                            row.getString("event_type"), row.getUUID("dossier_id"), instant(row, "created_at"),
                            row.getInteger("attempts"), row.getInteger("last_status"), row.getString("last_error"),
                            instant(row, "last_attempt_at"), instant(row, "next_attempt_at"),
                            instant(row, "delivered_at"), instant(row, "given_up_at"))));
                    return out;
                });
    }

    /** Deletes up to {@code limit} delivered or given-up deliveries made more than {@code retention} before now. */
    Uni<Integer> deleteEnded(SqlClient client, Instant now, Duration retention, int limit) {
        return client.preparedQuery("DELETE FROM webhook_delivery WHERE position IN (SELECT position FROM "
                        + "webhook_delivery WHERE next_attempt_at IS NULL AND " + Prunable.olderThan("created_at")
                        + " LIMIT $3)")
                .execute(Prunable.arguments(now, retention, limit))
                .map(rows -> rows.rowCount());
    }

    private static Endpoint endpoint(Row row) {
        return new Endpoint(row.getString("school"), row.getString("url"), row.getBoolean("enabled"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** What waits to be delivered: how many deliveries, and since when the oldest was queued. */
    public record Pending(long count, Optional<Instant> oldest) {
    }

    /** The deliveries not yet delivered nor given up, now. */
    public Uni<Pending> pending(SqlClient client) {
        return client.query("SELECT count(*) AS n, min(created_at) AS oldest FROM webhook_delivery "
                        + "WHERE next_attempt_at IS NOT NULL")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Pending(row.getLong("n"),
                            Optional.ofNullable(row.getOffsetDateTime("oldest")).map(OffsetDateTime::toInstant));
                });
    }
}
