package nl.overdracht.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.Superuser;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;

/**
 * The relay's checks on the running service, over its real PostgreSQL and Kafka: in readiness its
 * state as data, always UP; in the {@code background} group its verdict.
 */
@QuarkusTest
class OutboxRelayReadinessTest {

    @Inject
    Pool pool;

    @Inject
    OutboxConfig config;

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/group/background", management = true)
    URL background;

    @Test
    void readiness_reports_the_relay_up_once_it_has_published() {
        UUID id = Transfers.submitOso(TestSchools.dutch("OU"), Pupils.bsn(), null);
        awaitPublished(id);

        Map<String, Object> check = Transfers.await("the relay check UP", () -> relayCheck()
                .filter(found -> "UP".equals(found.get("status"))));

        assertThat(data(check)).containsKey("lastRound").containsEntry("state", "PUBLISHING").doesNotContainKey("reason");
        Map<String, Object> verdict = check(given().when().get(background).then().statusCode(200).extract().jsonPath())
                .orElseThrow();
        assertThat(verdict).containsEntry("status", "UP");
    }

    @Test
    void an_event_no_relay_publishes_for_longer_than_allowed_turns_the_background_group_down_and_leaves_readiness_up() {
        // Given another holder of the relay lock (an instance that leads but does not publish), on a
        // connection of its own: the service's pool closes a connection that stays silent, as this one does
        SqlConnection leader = Superuser.pool().getConnection().await().atMost(Transfers.WAIT);
        UUID id;
        try {
            leader.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(OutboxRelay.RELAY_LOCK))
                    .await().atMost(Transfers.WAIT);
            // and an event written now that waits longer than allowed
            id = Transfers.submitOso(TestSchools.dutch("OD"), Pupils.bsn(), null);
            TestClock.advance(config.unpublishedMaxAge().plus(Duration.ofSeconds(30)));

            // When the background group and readiness are asked
            JsonPath group = given().when().get(background).then().statusCode(503).extract().jsonPath();
            JsonPath ready = given().when().get(readiness).then().statusCode(200).extract().jsonPath();

            // Then the relay's check in the group is down and says what waits
            Map<String, Object> verdict = check(group).orElseThrow();
            assertThat(verdict).containsEntry("status", "DOWN");
            assertThat((String) data(verdict).get("reason")).startsWith("the oldest unpublished outbox event has waited ")
                    .endsWith("no instance's relay publishes it");
            assertThat(((Number) data(verdict).get("unpublished")).longValue()).isPositive();
            // and readiness is up, showing the same
            Map<String, Object> check = check(ready).orElseThrow();
            assertThat(check).containsEntry("status", "UP");
            assertThat((String) data(check).get("reason")).startsWith("the oldest unpublished outbox event has waited ")
                    .endsWith("no instance's relay publishes it");
        } finally {
            leader.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(OutboxRelay.RELAY_LOCK))
                    .await().atMost(Transfers.WAIT);
            leader.close().await().atMost(Transfers.WAIT);
        }

        // and once the lock is free this relay publishes the event and the group is up again
        awaitPublished(id);
        Transfers.await("the relay check UP", () -> check(given().when().get(background).then().extract().jsonPath())
                .filter(found -> "UP".equals(found.get("status"))));
    }

    private void awaitPublished(UUID id) {
        Transfers.await("the dossier's events published", () -> Transfers.one(pool, "SELECT count(*) AS n FROM outbox_event "
                + "WHERE aggregate_id = $1 AND published_at IS NULL", id).getLong("n") == 0
                ? Optional.of(true) : Optional.empty());
    }

    private Optional<Map<String, Object>> relayCheck() {
        return check(given().when().get(readiness).then().extract().jsonPath());
    }

    private static Optional<Map<String, Object>> check(JsonPath readiness) {
        return readiness.<Map<String, Object>>getList("checks").stream()
                .filter(check -> OutboxRelayHealth.NAME.equals(check.get("name"))).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> check) {
        return (Map<String, Object>) check.get("data");
    }
}
