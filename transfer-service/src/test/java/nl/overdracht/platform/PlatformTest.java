package nl.overdracht.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Tokens;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/** The service's own surface: problem details, OpenAPI, health and metrics, migrations. */
@QuarkusTest
class PlatformTest {

    @Inject
    Pool pool;

    @Inject
    Flyway flyway;

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void an_unknown_path_is_404_problem() {
        given().header("Authorization", Tokens.bearer(Tokens.school("00YY00", Roles.SENDING_SCHOOL)))
                .when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.BASE + "not-found"));
    }

    @Test
    void a_method_the_resource_does_not_have_is_405_problem() {
        given().header("Authorization", Tokens.bearer(Tokens.school("00YY00", Roles.SENDING_SCHOOL)))
                .when().delete("/api/v1/me")
                .then().statusCode(405)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.BASE + "method-not-allowed"));
    }

    @Test
    void a_body_above_the_http_limit_is_413_problem_before_it_is_read() {
        given().header("Authorization", Tokens.bearer(Tokens.school("00YY00", Roles.SENDING_SCHOOL)))
                .contentType("application/json")
                .body(new byte[17 * 1024 * 1024])
                .when().post("/api/v1/me")
                .then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.BASE + "payload-too-large"));
    }

    @Test
    void the_openapi_document_is_public_and_declares_the_bearer_scheme() {
        given().accept("application/json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.keySet()", hasItems("/api/v1/me"));
    }

    @Test
    void readiness_covers_postgresql_and_the_outbox_relay_on_the_management_port_and_not_kafka_itself() {
        given().when().get(readiness)
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("PostgreSQL", "Outbox relay", "Crypto warm-up"))
                .body("checks.name", not(hasItem("Kafka connection health check")))
                .body("checks.name", not(hasItem("Reactive PostgreSQL connections health check")));
    }

    @Test
    void metrics_are_prometheus_text_on_the_management_port_and_not_on_the_api_port() {
        given().when().get(metrics)
                .then().statusCode(200)
                .body(containsString("# TYPE"));
        given().when().get("/q/metrics").then().statusCode(not(equalTo(200)));
    }

    @Test
    void the_migrations_from_the_schema_module_are_applied() {
        // Flyway reads its history as the owner: the service's own role is granted nothing on it
        List<String> applied = new ArrayList<>();
        for (MigrationInfo migration : flyway.info().applied()) {
            assertThat(migration.getState().isFailed()).as(migration.getScript()).isFalse();
            applied.add(migration.getScript());
        }
        assertThat(applied).anyMatch(script -> script.endsWith("V1__outbox_and_processed_events.sql"));
        assertThat(flyway.info().pending()).isEmpty();
        Row table = pool.query("SELECT to_regclass('public.outbox_event') IS NOT NULL AS present")
                .execute().await().indefinitely().iterator().next();
        assertThat(table.getBoolean("present")).isTrue();
    }
}
