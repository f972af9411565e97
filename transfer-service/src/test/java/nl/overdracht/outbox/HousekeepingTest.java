package nl.overdracht.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.platform.Housekeeping;
import nl.overdracht.platform.HousekeepingConfig;
import nl.overdracht.testing.Transfers;
import nl.overdracht.webhook.WebhookConfig;
import org.junit.jupiter.api.Test;

/**
 * Storage stays bounded: published outbox events, processed-event records and idempotency keys
 * go once their period is over, and nothing younger, nor any unpublished event, goes with them.
 * The rows are written with times on the database's clock, since the tests' service clock runs
 * ahead of it (and housekeeping takes the earlier of the two).
 */
@QuarkusTest
class HousekeepingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TYPE = "HousekeepingTestEvent";

    @Inject
    Pool pool;

    @Inject
    Housekeeping housekeeping;

    @Inject
    HousekeepingConfig config;

    @Inject
    Outbox outbox;

    @Inject
    WebhookConfig webhooks;

    @Inject
    nl.overdracht.feedback.FeedbackConfig feedback;

    @Test
    void rows_past_their_period_are_pruned_and_younger_ones_and_unpublished_events_stay() {
        Instant now = Instant.now();
        UUID oldPublished = event(now.minus(config.publishedEvents()).minus(Duration.ofHours(1)), true);
        UUID youngPublished = event(now.minus(config.publishedEvents()).plus(Duration.ofHours(1)), true);
        UUID oldProcessed = processed(now.minus(config.processedEvents()).minus(Duration.ofHours(1)));
        UUID youngProcessed = processed(now.minus(config.processedEvents()).plus(Duration.ofHours(1)));
        String oldKey = idempotencyKey(now.minus(config.idempotencyKeys()).minus(Duration.ofHours(1)));
        String youngKey = idempotencyKey(now.minus(config.idempotencyKeys()).plus(Duration.ofHours(1)));
        UUID oldDelivered = webhookDelivery(now.minus(webhooks.logRetention()).minus(Duration.ofHours(1)), true);
        UUID youngDelivered = webhookDelivery(now.minus(webhooks.logRetention()).plus(Duration.ofHours(1)), true);
        UUID oldPending = webhookDelivery(now.minus(webhooks.logRetention()).minus(Duration.ofHours(1)), false);
        Duration reporting = feedback.dueAfter().plus(feedback.reportWithin());
        UUID lapsedFeedback = acknowledgedDossier(now.minus(reporting).minus(Duration.ofHours(1)));
        UUID openFeedback = acknowledgedDossier(now.minus(reporting).plus(Duration.ofHours(1)));

        // the relay leads only with its lock: held here, an old event stays unpublished while housekeeping runs
        SqlConnection relayLock = pool.getConnection().await().atMost(WAIT);
        UUID oldUnpublished;
        Map<String, Integer> pruned;
        try {
            Transaction held = relayLock.begin().await().atMost(WAIT);
            relayLock.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(OutboxRelay.RELAY_LOCK))
                    .await().atMost(WAIT);
            oldUnpublished = event(now.minus(Duration.ofDays(365)), false);

            pruned = housekeeping.pruneAll().await().atMost(WAIT);

            assertThat(exists("SELECT count(*) FROM outbox_event WHERE event_id = $1 AND published_at IS NULL",
                    oldUnpublished)).isTrue();
            held.commit().await().atMost(WAIT);
        } finally {
            relayLock.close().await().atMost(WAIT);
        }

        assertThat(pruned).containsKeys("published outbox events", "processed-event records", "idempotency keys");
        assertThat(pruned.values()).allSatisfy(count -> assertThat(count).isPositive());
        assertThat(exists("SELECT count(*) FROM outbox_event WHERE event_id = $1", oldPublished)).isFalse();
        assertThat(exists("SELECT count(*) FROM outbox_event WHERE event_id = $1", youngPublished)).isTrue();
        assertThat(exists("SELECT count(*) FROM processed_event WHERE event_id = $1", oldProcessed)).isFalse();
        assertThat(exists("SELECT count(*) FROM processed_event WHERE event_id = $1", youngProcessed)).isTrue();
        assertThat(exists("SELECT count(*) FROM idempotency_key WHERE idempotency_key = $1", oldKey)).isFalse();
        assertThat(exists("SELECT count(*) FROM idempotency_key WHERE idempotency_key = $1", youngKey)).isTrue();
        assertThat(exists("SELECT count(*) FROM webhook_delivery WHERE id = $1", oldDelivered)).isFalse();
        assertThat(exists("SELECT count(*) FROM webhook_delivery WHERE id = $1", youngDelivered)).isTrue();
        assertThat(exists("SELECT count(*) FROM webhook_delivery WHERE id = $1", oldPending)).isTrue();
        assertThat(exists("SELECT count(*) FROM career_feedback_expected WHERE dossier_id = $1", lapsedFeedback)).isFalse();
        assertThat(exists("SELECT count(*) FROM career_feedback_expected WHERE dossier_id = $1", openFeedback)).isTrue();
    }

    /** A dossier whose delivery was acknowledged at {@code at}, as far as its school-career feedback knows. */
    private UUID acknowledgedDossier(Instant at) {
        UUID id = nl.overdracht.testing.Transfers.submitOso(nl.overdracht.testing.TestSchools.dutch(),
                nl.overdracht.testing.Pupils.bsn(), null);
        pool.preparedQuery("UPDATE career_feedback_expected SET receiving_school = 'none', school_year = '2020-2021', "
                        + "acknowledged_at = $2 WHERE dossier_id = $1")
                .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
        return id;
    }

    @Test
    void a_service_clock_running_ahead_of_the_database_prunes_nothing_early() {
        UUID recent = event(Instant.now().minus(Duration.ofMinutes(5)), true);

        outbox.prune(Instant.now().plus(Duration.ofDays(365)), 1000).await().atMost(WAIT);

        assertThat(exists("SELECT count(*) FROM outbox_event WHERE event_id = $1", recent)).isTrue();
    }

    private UUID event(Instant at, boolean published) {
        UUID id = UUID.randomUUID();
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        pool.preparedQuery("INSERT INTO outbox_event (event_id, aggregate_type, aggregate_id, event_type, payload, "
                        + "created_at, published_at) VALUES ($1, 'test', $2, $3, $4, $5, $6)")
                .execute(Tuple.of(id, UUID.randomUUID(), TYPE, new JsonObject(), time, published ? time : null))
                .await().atMost(WAIT);
        return id;
    }

    /** A webhook delivery made at {@code at}: delivered then, or still pending (due in a year). */
    private UUID webhookDelivery(Instant at, boolean delivered) {
        UUID id = UUID.randomUUID();
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        pool.preparedQuery("INSERT INTO webhook_delivery (id, school, dossier_id, event_type, body, created_at, "
                        + "next_attempt_at, delivered_at) VALUES ($1, '00HK00', $2, 'dossier.expired', '{}', $3, $4, $5)")
                .execute(Tuple.of(id, UUID.randomUUID(), time, delivered ? null : time.plusYears(1),
                        delivered ? time : null))
                .await().atMost(WAIT);
        return id;
    }

    private UUID processed(Instant at) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('housekeeping-test', $1, $2)")
                .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
        return id;
    }

    private String idempotencyKey(Instant at) {
        String key = "housekeeping-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO idempotency_key (school, idempotency_key, request_sha256, status, response, "
                        + "created_at) VALUES ('99HK00', $1, '\\x00', 201, '{}', $2)")
                .execute(Tuple.of(key, at.atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
        return key;
    }

    private boolean exists(String countSql, Object arg) {
        return Transfers.one(pool, countSql, arg).getLong(0) > 0;
    }
}
