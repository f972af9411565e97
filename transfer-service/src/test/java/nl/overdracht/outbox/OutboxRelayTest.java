package nl.overdracht.outbox;

import static nl.overdracht.testing.Transfers.as;
import static nl.overdracht.testing.Transfers.one;
import static nl.overdracht.testing.Transfers.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.DossierEventsTopic;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers.Matched;
import nl.overdracht.testing.Transfers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The relay publishes committed outbox events to dossier-events, keyed and ordered per dossier, and marks them. */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void a_dossiers_events_reach_kafka_once_each_in_the_order_they_were_written_and_are_marked_published() {
        Matched matched = Transfers.matchedOso(TestSchools.dutch("RS"), TestSchools.dutch("RR"));
        String sending = matched.sending();
        UUID id = matched.id();
        as(sending, Roles.SENDING_SCHOOL).when().delete("/api/v1/dossiers/" + id).then().statusCode(200);

        // three relays at once, beside the scheduled one: one leads at a time, none publishes twice
        Uni.join().all(relay.publishPending(), relay.publishPending(), relay.publishPending())
                .andFailFast().await().atMost(Transfers.WAIT);
        Transfers.await("all events marked published", () -> one(pool, "SELECT count(*) AS n FROM outbox_event "
                + "WHERE aggregate_id = $1 AND published_at IS NULL", id).getLong("n") == 0
                ? Optional.of(true) : Optional.empty());

        List<String> written = query(pool, "SELECT event_id FROM outbox_event WHERE aggregate_id = $1 ORDER BY position",
                id).stream().map(row -> row.getUUID("event_id").toString()).toList();
        assertThat(written).hasSize(3);
        List<ConsumerRecord<String, String>> records = DossierEventsTopic.readUntil(id.toString(),
                seen -> seen.size() >= 3);
        assertThat(records).extracting(record -> new JsonObject(record.value()).getString("eventId"))
                .containsExactlyElementsOf(written);
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        assertThat(records).extracting(record -> new JsonObject(record.value()).getJsonObject("payload").getString("state"))
                .containsExactly("AWAITING_ENROLMENT", "OBJECTION_WINDOW", "WITHDRAWN");
        assertThat(records).allSatisfy(record -> {
            JsonObject event = new JsonObject(record.value());
            assertThat(event.getString("aggregateType")).isEqualTo("dossier");
            assertThat(event.getString("aggregateId")).isEqualTo(id.toString());
            assertThat(event.getString("type")).isEqualTo("DossierStateChanged");
            assertThat(event.getJsonObject("payload").fieldNames())
                    .containsExactlyInAnyOrder("dossierId", "transition", "from", "state", "revision", "contentSha256", "at");
            assertThat(record.value()).doesNotContain(matched.pupilId());
        });
    }

    @Test
    void an_event_whose_transaction_rolled_back_is_never_published() {
        UUID aggregate = UUID.randomUUID();
        OutboxEvent event = OutboxEvent.dossier(aggregate, "DossierStateChanged", new JsonObject().put("state", "X"),
                Instant.now());

        assertThatThrownBy(() -> pool.withTransaction(tx -> outbox.write(tx, event)
                .flatMap(written -> Uni.createFrom().failure(new IllegalStateException("the state change failed"))))
                .await().atMost(Transfers.WAIT)).hasMessageContaining("the state change failed");
        relay.publishPending().await().atMost(Transfers.WAIT);

        assertThat(query(pool, "SELECT position FROM outbox_event WHERE event_id = $1", event.eventId())).isEmpty();
    }

    @Test
    void the_wire_form_reads_back_as_the_same_event() {
        OutboxEvent event = OutboxEvent.dossier(UUID.randomUUID(), "DossierStateChanged",
                new JsonObject().put("state", "RELEASED").put("revision", 2), Instant.parse("2025-09-01T10:15:30Z"));

        OutboxEvent read = OutboxEvent.fromJson(new JsonObject(event.toJson().encode()));

        assertThat(read).isEqualTo(event);
        assertThatThrownBy(() -> OutboxEvent.fromJson(new JsonObject().put("eventId", "nonsense")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_relay_producer_reports_its_kafka_metrics() {
        Transfers.matchedOso(TestSchools.dutch("RM"), TestSchools.dutch("RN"));
        relay.publishPending().await().atMost(Transfers.WAIT);

        Transfers.await("the relay producer's send counter", () -> registry.find("kafka.producer.record.send.total")
                .tag("client.id", OutboxRelay.CLIENT_ID).functionCounters().stream()
                .filter(counter -> counter.count() > 0).findFirst());
    }
}
