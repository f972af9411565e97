package nl.overdracht.production;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * PostgreSQL are served, the outbox relay cannot publish, and readiness says so and why, without
 * showing any secret; once the broker takes that password, what waited is published.
 */
@QuarkusIntegrationTest
@WithTestResource(value = ProductionServices.class,
        initArgs = @ResourceArg(name = ProductionServices.KAFKA_PASSWORD, value = ProductionServices.WRONG))
@Tag(ProductionBuild.TAG)
class ProductionJarKafkaRefusedIT {

    /** Injected by {@link ProductionServices}. */
    ProductionService service;

    @Test
    void the_relay_cannot_publish_and_readiness_says_why_until_the_broker_accepts_the_credentials() throws Exception {
        // Given a registered school whose dossier is stored (its event waits in the outbox)
        String school = TestSchools.dutch();
        Transfers.register("noord", school, List.of("oso-gegevensset@2019.1"));
        UUID id = Transfers.submitOso(school, Pupils.bsn(), null);

        // When readiness is asked
        JsonPath ready = Transfers.await("the relay check DOWN", () -> Optional.of(given().when()
                .get(service.readiness()).then().extract())
                .filter(answer -> answer.statusCode() == 503)
                .map(answer -> answer.jsonPath())
                .filter(answer -> relay(answer).map(check -> "DOWN".equals(check.get("status"))).orElse(false)));

        // Then the relay's check is down because Kafka refused its credentials
        Map<String, Object> check = relay(ready).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) check.get("data");
        assertThat((String) data.get("reason")).startsWith("the outbox relay has not published for ")
                .endsWith("; last error: authentication failed");
        assertThat(data).containsEntry("lastError", "authentication failed");
        assertThat(ready.prettify()).doesNotContain(service.secrets());
        // and the dossier's event is still in the outbox, unpublished
        assertThat(unpublished(id)).isPositive();
        // and the service's log tells of the failed rounds but shows no secret
        assertThat(Files.readString(ProductionBuild.serviceLog(), StandardCharsets.UTF_8))
                .contains("Outbox relay round failed (")
                .doesNotContain(service.secrets());

        // When the broker is given the password the service has (the credentials put right at Kafka's end)
        service.kafka().setPassword(ProductionServices.KAFKA_USER, service.kafkaPassword());

        // Then the relay publishes what waited, without a restart, and its check is up again
        Transfers.await("the waiting event published", () -> Optional.of(true).filter(published -> {
            try {
                return unpublished(id) == 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
        Transfers.await("the relay check UP", () -> relay(given().when().get(service.readiness()).then().extract()
                .jsonPath()).filter(found -> "UP".equals(found.get("status"))));
        // and the consumers come back as well (they rejoin their groups): the service is ready again
        Awaitility.await("readiness UP").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().when().get(service.readiness()).then().extract().statusCode() == 200);
    }

    private long unpublished(UUID dossier) throws SQLException {
        try (Connection connection = service.postgres().superuser();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND published_at IS NULL")) {
            query.setObject(1, dossier);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> relay(JsonPath readiness) {
        return readiness.<Map<String, Object>>getList("checks").stream()
                .filter(check -> "Outbox relay".equals(check.get("name"))).findFirst();
    }
}
