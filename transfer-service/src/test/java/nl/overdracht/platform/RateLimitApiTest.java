package nl.overdracht.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The limit per caller, in the running service. Its configured limit is high (no test or benchmark
 * reaches it), so the test takes every permit of one caller of its own in this period, as a flood
 * would, and sends that caller's next request; other callers are not affected.
 */
@QuarkusTest
class RateLimitApiTest {

    @Inject
    RateLimiting limits;

    @Test
    void a_caller_over_its_limit_gets_429_problem_with_retry_after() {
        String subject = "flood-" + UUID.randomUUID() + "@00YY00";
        String token = Tokens.bearer(Tokens.claims(subject, "00YY00", null, Roles.SENDING_SCHOOL));

        // Given a caller whose permits of this period are gone, when it sends a request with its valid token
        // (drained again before each try: a period that renews between the drain and the request gives new permits)
        ExtractableResponse<Response> refused = Awaitility.await("a request right after the permits are gone")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    limits.callers().drain(subject);
                    return given().header("Authorization", token).when().get("/api/v1/me").then().extract();
                }, answer -> answer.statusCode() != 200);

        // Then the answer is 429 problem+json, saying in whole seconds when to try again
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(refused.jsonPath().getString("type")).isEqualTo(ProblemType.BASE + "too-many-requests");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(refused.jsonPath().getString("instance")).isEqualTo("/api/v1/me");
    }

    @Test
    void another_caller_is_not_limited_by_it() {
        String flooding = "flood-" + UUID.randomUUID() + "@00YY00";
        limits.callers().drain(flooding);

        given().header("Authorization", Tokens.bearer(Tokens.claims("calm-" + UUID.randomUUID() + "@00YY00",
                        "00YY00", null, Roles.SENDING_SCHOOL)))
                .when().get("/api/v1/me")
                .then().statusCode(200);
    }
}
