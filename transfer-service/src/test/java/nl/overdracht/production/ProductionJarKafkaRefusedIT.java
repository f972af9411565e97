package nl.overdracht.production;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The production build given a Kafka password the broker does not know: requests that need only
 * PostgreSQL are served, the outbox relay cannot publish, and the background health group says so and
 * why, without showing any secret, while readiness stays UP showing the same; once the broker takes
 * that password, what waited is published.
 */
@QuarkusIntegrationTest
@WithTestResource(value = ProductionServices.class,
        initArgs = @ResourceArg(name = ProductionServices.KAFKA_PASSWORD, value = ProductionServices.WRONG))
@Tag(ProductionBuild.TAG)
class ProductionJarKafkaRefusedIT {

    /** Injected by {@link ProductionServices}. */
    ProductionService service;

    @Test
    void the_relay_cannot_publish_and_the_background_group_says_why_until_the_broker_accepts_the_credentials()
            throws Exception {
        // Given a registered school whose dossier is stored (its event waits in the outbox)
        String school = TestSchools.dutch();
        Transfers.register("noord", school, List.of("oso-gegevensset@2019.1"));
        UUID id = Transfers.submitOso(school, Pupils.bsn(), null);

        // When the background health group is asked
        JsonPath group = Transfers.await("the relay check DOWN", () -> Optional.of(given().when()
                .get(service.background()).then().extract())
                .filter(answer -> answer.statusCode() == 503)
                .map(answer -> answer.jsonPath())
                .filter(answer -> relay(answer).map(check -> "DOWN".equals(check.get("status"))).orElse(false)));

        // Then the relay's check is down because Kafka refused its credentials
        Map<String, Object> check = relay(group).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) check.get("data");
        assertThat((String) data.get("reason")).startsWith("the outbox relay has not published for ")
                .endsWith("; last error: authentication failed");
        assertThat(data).containsEntry("lastError", "authentication failed");
        assertThat(group.prettify()).doesNotContain(service.secrets());
        // and readiness is UP (the service takes requests; their events wait; UP once the start's crypto
        // warm-up is done), showing the relay's failure
        JsonPath ready = Transfers.await("readiness UP", () -> Optional.of(given().when().get(service.readiness())
                .then().extract()).filter(answer -> answer.statusCode() == 200).map(answer -> answer.jsonPath()));
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) relay(ready).orElseThrow().get("data");
        assertThat(shown).containsEntry("lastError", "authentication failed").containsEntry("state", "FAILING");
        assertThat(ready.prettify()).doesNotContain(service.secrets());
        // and the dossier's event is still in the outbox, unpublished
        assertThat(service.unpublishedEvents(id)).isPositive();
        // and the service's log tells of the failed rounds but shows no secret
        assertThat(Files.readString(ProductionBuild.serviceLog(), StandardCharsets.UTF_8))
                .contains("Outbox relay round failed (")
                .doesNotContain(service.secrets());

        // When the broker is given the password the service has (the credentials put right at Kafka's end)
        service.kafka().setPassword(ProductionServices.KAFKA_USER, service.kafkaPassword());

        // Then the relay publishes what waited, without a restart, and its check is up again
        Transfers.await("the waiting event published", () -> Optional.of(true).filter(published -> {
            try {
                return service.unpublishedEvents(id) == 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
        Transfers.await("the relay check UP", () -> relay(given().when().get(service.background()).then().extract()
                .jsonPath()).filter(found -> "UP".equals(found.get("status"))));
        Awaitility.await("the background group UP").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().when().get(service.background()).then().extract().statusCode() == 200);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> relay(JsonPath readiness) {
        return readiness.<Map<String, Object>>getList("checks").stream()
                .filter(check -> "Outbox relay".equals(check.get("name"))).findFirst();
    }
}
