package nl.overdracht.production;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The production build when PostgreSQL or Kafka goes away, on servers of its own
 * ({@link ProductionServices}) that the tests stop and bring back under the running service: with
 * PostgreSQL refusing connections, every request is answered 503 {@code service-unavailable} with
 * {@code Retry-After} within 5 s and readiness is DOWN within 2 s, and once PostgreSQL is back the
 * next request succeeds, without a restart; the same with PostgreSQL frozen, which keeps its
 * connections open and answers nothing; with Kafka stopped, requests are served and readiness stays UP, the relay's trouble is reported by the
 * {@code background} health group, and what waited is published once the broker is back.
 *
 * <p>Runs on the same start as {@link ProductionJarIT} (the same servers and settings): each test
 * brings back what it stopped before it ends.
 */
@QuarkusIntegrationTest
@WithTestResource(ProductionServices.class)
@Tag(ProductionBuild.TAG)
class ProductionJarFaultsIT {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final int AT_ONCE = 8;
    private static final Duration READINESS_WITHIN = Duration.ofSeconds(2);
    private static final String REGION = "noord";

    /** Injected by {@link ProductionServices}. */
    ProductionService service;

    @Test
    void postgresql_refusing_connections_is_a_503_with_retry_after_and_the_next_request_after_it_is_back_succeeds()
            throws Exception {
        // Given a registered school with a stored dossier
        Schools schools = registered();
        UUID id = Transfers.submitOso(schools.sending(), Pupils.bsn(), null);

        // When PostgreSQL is stopped (connections are ended, new ones refused)
        service.postgres().stop();
        try {
            // Then every request is answered 503 with Retry-After, within seconds, and readiness is DOWN
            String pupil = Pupils.bsn();
            assertUnavailable(schools, id, pupil);
            // and the log says so in one line a request, without the pupil's number
            assertThat(Files.readString(ProductionBuild.serviceLog(), StandardCharsets.UTF_8))
                    .contains("PostgreSQL unavailable on /api/v1/dossiers: ")
                    .doesNotContain(pupil);
        } finally {
            // When it is started again
            service.postgres().start();
        }

        // Then the next request succeeds: no connection of before is left to fail it
        assertThat(status(schools.sending(), id).statusCode()).isEqualTo(200);
        assertThat(readiness().statusCode()).isEqualTo(200);
    }

    @Test
    void postgresql_frozen_is_a_503_within_seconds_also_for_requests_on_connections_opened_before_and_it_recovers()
            throws Exception {
        // Given a registered school with a stored dossier, and requests at once just made, so that the
        // pool holds several open connections
        Schools schools = registered();
        UUID id = Transfers.submitOso(schools.sending(), Pupils.bsn(), null);
        assertThat(atOnce(() -> status(schools.sending(), id))).extracting(ExtractableResponse::statusCode)
                .containsOnly(200);

        // When PostgreSQL is frozen (it keeps its connections open and answers nothing); whatever happens,
        // it goes on after a minute, so a request that would wait for it cannot hold this test for ever
        service.postgres().freeze();
        CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS).execute(service.postgres()::thaw);
        try {
            // Then requests at once, on the connections opened before the freeze as far as they go, are
            // each answered 503 with Retry-After within seconds
            long start = System.nanoTime();
            List<ExtractableResponse<Response>> answers = atOnce(() -> status(schools.sending(), id));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("how long the requests at once took")
                    .isLessThan(ANSWER_WITHIN);
            answers.forEach(ProductionJarFaultsIT::assertServiceUnavailable);
            // and the connections they were on were closed under them
            assertThat(Files.readString(ProductionBuild.serviceLog(), StandardCharsets.UTF_8))
                    .contains("Closed a PostgreSQL connection that had not answered for 4000 ms");
            // and so is every kind of request, and readiness is DOWN
            assertUnavailable(schools, id, Pupils.bsn());
        } finally {
            // When PostgreSQL goes on
            service.postgres().thaw();
        }

        // Then the next request succeeds, and readiness is UP
        assertThat(status(schools.sending(), id).statusCode()).isEqualTo(200);
        assertThat(readiness().statusCode()).isEqualTo(200);
    }

    /** Eight of {@code request} at once, each on a thread of its own; their answers. */
    private static List<ExtractableResponse<Response>> atOnce(Supplier<ExtractableResponse<Response>> request)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                answers.add(threads.submit(request::get));
            }
            List<ExtractableResponse<Response>> answered = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> answer : answers) {
                answered.add(answer.get(90, TimeUnit.SECONDS));
            }
            return answered;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void with_kafka_stopped_requests_are_served_readiness_stays_up_and_what_waited_is_published_once_it_is_back()
            throws Exception {
        // Given a registered school, and Kafka stopped
        Schools schools = registered();
        service.kafka().stop();
        UUID id;
        try {
            // When the sending school submits a dossier and records an objection, and the receiving school enrols a pupil
            id = Transfers.submitOso(schools.sending(), Pupils.bsn(), null);
            Transfers.as(schools.sending(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                    .body(Map.of("scope", "whole", "objectedBy", "parent", "objectedOn", "2025-09-01"))
                    .when().post("/api/v1/dossiers/" + id + "/objections").then().statusCode(201);
            Transfers.enrol(schools.receiving(), "BSN", Pupils.bsn(), null);

            // Then the relay's check in the background group is DOWN, naming Kafka's time-out
            JsonPath group = Transfers.await("the relay check DOWN for Kafka", () -> Optional.of(given().when()
                            .get(service.background()).then().extract())
                    .filter(answer -> answer.statusCode() == 503).map(ExtractableResponse::jsonPath)
                    .filter(answer -> "timed out waiting for Kafka".equals(data(answer).get("lastError"))));
            Map<String, Object> verdict = data(group);
            assertThat(verdict).containsEntry("state", "FAILING");
            assertThat(((Number) verdict.get("unpublished")).longValue()).isPositive();
            // and readiness is UP (once the start's crypto warm-up is done), showing the same
            JsonPath ready = Transfers.await("readiness UP", () -> Optional.of(readiness())
                    .filter(answer -> answer.statusCode() == 200).map(ExtractableResponse::jsonPath));
            assertThat(data(ready)).containsEntry("state", "FAILING");
            assertThat(service.unpublishedEvents(id)).isPositive();
        } finally {
            // When Kafka is back
            service.kafka().restart();
        }

        // Then the relay publishes what waited, and the background group is UP again
        Awaitility.await("the dossier's events published").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> service.unpublishedEvents(id) == 0);
        Awaitility.await("the background group UP").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().when().get(service.background()).then().extract().statusCode() == 200);
    }

    /** Requests of each kind, and readiness, while PostgreSQL is unavailable. */
    private void assertUnavailable(Schools schools, UUID id, String pupil) {
        List<Supplier<ExtractableResponse<Response>>> requests = List.of(
                () -> Transfers.as(schools.sending(), Roles.SENDING_SCHOOL).contentType("application/xml")
                        .body(Dossiers.oso("POVO", pupil, schools.sending()).bytes())
                        .when().post("/api/v1/dossiers").then().extract(),
                () -> status(schools.sending(), id),
                () -> Transfers.as(schools.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                        .body(Map.of("pupilIdKind", "BSN", "pupilId", Pupils.bsn(), "enrolmentDate", "2025-08-25"))
                        .when().post("/api/v1/enrolments").then().extract(),
                () -> Transfers.as(schools.sending(), Roles.SENDING_SCHOOL)
                        .when().get("/api/v1/notifications").then().extract());
        List<Duration> took = new ArrayList<>();
        for (Supplier<ExtractableResponse<Response>> request : requests) {
            long start = System.nanoTime();
            ExtractableResponse<Response> answer = request.get();
            took.add(Duration.ofNanos(System.nanoTime() - start));
            assertServiceUnavailable(answer);
            assertThat(answer.asString()).doesNotContain(pupil);
        }
        assertThat(took).as("how long each request took").allSatisfy(duration ->
                assertThat(duration).isLessThan(ANSWER_WITHIN));

        long start = System.nanoTime();
        ExtractableResponse<Response> ready = readiness();
        Duration readinessTook = Duration.ofNanos(System.nanoTime() - start);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.jsonPath().getList("checks.findAll { it.name == 'PostgreSQL' }.status", String.class))
                .containsExactly("DOWN");
        assertThat(readinessTook).isLessThan(READINESS_WITHIN);
    }

    private static void assertServiceUnavailable(ExtractableResponse<Response> answer) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("type")).isEqualTo(ProblemType.SERVICE_UNAVAILABLE.type().toString());
        assertThat(answer.header("Retry-After")).matches("[1-9][0-9]*");
    }

    private record Schools(String sending, String receiving) {
    }

    private static Schools registered() {
        Schools schools = new Schools(TestSchools.dutch(), TestSchools.dutch());
        Transfers.register(REGION, schools.sending(), List.of("oso-gegevensset@2019.1"));
        Transfers.register(REGION, schools.receiving(), List.of("oso-gegevensset@2019.1"));
        return schools;
    }

    private static ExtractableResponse<Response> status(String school, UUID id) {
        return Transfers.as(school, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + id).then().extract();
    }

    private ExtractableResponse<Response> readiness() {
        return given().when().get(service.readiness()).then().extract();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(JsonPath health) {
        return health.<Map<String, Object>>getList("checks").stream()
                .filter(check -> "Outbox relay".equals(check.get("name"))).findFirst()
                .map(check -> (Map<String, Object>) check.get("data")).orElseThrow();
    }
}
