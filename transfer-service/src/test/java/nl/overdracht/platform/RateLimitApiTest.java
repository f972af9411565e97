package nl.overdracht.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Tokens;
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
        // Given a caller whose permits of this period are gone
        String subject = "flood-" + UUID.randomUUID() + "@00YY00";
        limits.callers().drain(subject);

        // When it sends a request with its valid token
        // Then the answer is 429 problem+json, saying in whole seconds when to try again
        given().header("Authorization", Tokens.bearer(Tokens.claims(subject, "00YY00", null, Roles.SENDING_SCHOOL)))
                .when().get("/api/v1/me")
                .then().statusCode(429)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo(ProblemType.BASE + "too-many-requests"))
                .body("status", equalTo(429))
                .body("instance", equalTo("/api/v1/me"));
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
