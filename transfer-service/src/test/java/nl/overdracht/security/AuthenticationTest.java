package nl.overdracht.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import nl.overdracht.embedded.MintToken;
import nl.overdracht.testing.Tokens;
import org.junit.jupiter.api.Test;

/** Every way a token can be wrong ends in 401 problem+json; a valid token without a fitting role in 403. */
@QuarkusTest
class AuthenticationTest {

    private static final String ME = "/api/v1/me";

    @Test
    void a_valid_token_names_the_callers_school_and_roles() {
        given().header("Authorization", Tokens.bearer(Tokens.school("00YY00", Roles.SENDING_SCHOOL)))
                .when().get(ME)
                .then().statusCode(200)
                .body("school", equalTo("00YY00"))
                .body("roles", contains(Roles.SENDING_SCHOOL));
    }

    @Test
    void an_operator_token_names_the_region() {
        given().header("Authorization", Tokens.bearer(Tokens.region("noord", Roles.OPERATOR)))
                .when().get(ME)
                .then().statusCode(200)
                .body("region", equalTo("noord"));
    }

    @Test
    void a_national_auditor_token_needs_no_region() {
        given().header("Authorization", Tokens.bearer(Tokens.national(Roles.NATIONAL_AUDITOR)))
                .when().get(ME)
                .then().statusCode(200)
                .body("region", equalTo(null))
                .body("roles", contains(Roles.NATIONAL_AUDITOR));
    }

    @Test
    void each_request_sees_its_own_caller() {
        for (String school : new String[] {"01AA00", "02BB00", "01AA00"}) {
            given().header("Authorization", Tokens.bearer(Tokens.school(school, Roles.RECEIVING_SCHOOL)))
                    .when().get(ME)
                    .then().statusCode(200)
                    .body("school", equalTo(school));
        }
    }

    @Test
    void no_token_is_401_problem() {
        expectUnauthenticated(null);
    }

    @Test
    void a_token_signed_with_another_key_is_401() {
        expectUnauthenticated(Tokens.signedWithAnotherKey(MintToken.Request.forSchool("00YY00", Roles.SENDING_SCHOOL)));
    }

    @Test
    void an_unsigned_alg_none_token_is_401() {
        expectUnauthenticated(Tokens.unsigned(MintToken.Request.forSchool("00YY00", Roles.SENDING_SCHOOL)));
    }

    @Test
    void an_expired_token_is_401() {
        expectUnauthenticated(Tokens.mint(MintToken.Request.forSchool("00YY00", Roles.SENDING_SCHOOL)
                .issuedAt(Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1))));
    }

    @Test
    void a_token_from_another_issuer_is_401() {
        expectUnauthenticated(Tokens.mint(MintToken.Request.forSchool("00YY00", Roles.SENDING_SCHOOL)
                .withIssuer("https://elsewhere.example/issuer")));
    }

    @Test
    void a_token_for_another_audience_is_401() {
        expectUnauthenticated(Tokens.mint(MintToken.Request.forSchool("00YY00", Roles.SENDING_SCHOOL)
                .withAudience("another-service")));
    }

    @Test
    void a_token_without_an_overdracht_role_is_403_problem() {
        given().header("Authorization", Tokens.bearer(Tokens.school("00YY00", "parent")))
                .when().get(ME)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/forbidden"))
                .body("status", equalTo(403));
    }

    private static void expectUnauthenticated(String token) {
        var request = given();
        if (token != null) {
            request = request.header("Authorization", Tokens.bearer(token));
        }
        request.when().get(ME)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("https://overdracht.nl/problems/unauthenticated"))
                .body("status", equalTo(401));
    }
}
