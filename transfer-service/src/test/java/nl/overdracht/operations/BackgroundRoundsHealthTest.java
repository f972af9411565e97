package nl.overdracht.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.health.api.HealthGroup;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The {@code background} health group names a round that stopped ending: with the outbox relay's timer
 * paused, the group goes DOWN naming {@code outbox-relay} once its allowance has passed, and UP again once
 * the relay runs; readiness stays UP throughout.
 */
@QuarkusTest
class BackgroundRoundsHealthTest {

    @Inject
    Scheduler scheduler;

    @Inject
    @HealthGroup(BackgroundWork.HEALTH_GROUP)
    BackgroundRoundsHealth health;

    @TestHTTPResource(value = "health/group/background", management = true)
    URL background;

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @Test
    void a_relay_whose_rounds_stopped_is_named_in_the_background_group_within_its_allowance_and_readiness_stays_up() {
        Duration allowed = health.allowance(BackgroundRound.OUTBOX_RELAY);
        assertThat(allowed).isEqualTo(Duration.ofSeconds(30));
        assertThat(roundsCheck(given().when().get(background).then().extract().jsonPath())).hasValueSatisfying(
                check -> assertThat(check).containsEntry("status", "UP"));

        // Given the relay's timer stops
        Trigger relay = scheduler.getScheduledJobs().stream()
                .filter(job -> job.getMethodDescription().contains("OutboxRelay#tick")).findFirst().orElseThrow();
        scheduler.pause(relay.getId());
        try {
            // Then within its allowance (and a poll) the background group is DOWN and names it, readiness UP
            Map<String, Object> down = Awaitility.await("the rounds check DOWN").atMost(allowed.plusSeconds(15))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> roundsCheck(given().when().get(background).then().extract().jsonPath()),
                            check -> check.isPresent() && "DOWN".equals(check.get().get("status")))
                    .orElseThrow();
            assertThat((String) data(down).get("overdue")).startsWith("outbox-relay (no round ended for ")
                    .contains("allowed 30 s");
            given().when().get(readiness).then().statusCode(200);
        } finally {
            scheduler.resume(relay.getId());
        }

        // When it runs again, the check is UP
        Awaitility.await("the rounds check UP").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> roundsCheck(given().when().get(background).then().extract().jsonPath()),
                        check -> check.isPresent() && "UP".equals(check.get().get("status")));
    }

    private static Optional<Map<String, Object>> roundsCheck(JsonPath group) {
        List<Map<String, Object>> checks = group.getList("checks");
        return checks.stream().filter(check -> BackgroundRoundsHealth.NAME.equals(check.get("name"))).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> check) {
        return (Map<String, Object>) check.get("data");
    }
}
