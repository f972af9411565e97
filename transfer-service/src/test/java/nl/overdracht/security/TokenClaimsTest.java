package nl.overdracht.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import nl.overdracht.platform.Problem;
import nl.overdracht.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A validly signed token whose claims are not of their documented form is refused at authentication
 * with 401 {@code unauthenticated} naming the claim, never quoting it: before, such a subject, school
 * or region reached the audit log's actor and the request ended in 500. The request asks for a
 * dossier's disclosure log, which audits the refused attempt with the caller as actor.
 */
@QuarkusTest
class TokenClaimsTest {

    private static final String SCHOOL = "00YY00";
    private static final String REGION = "noord";

    /** Each odd value, once as the school and once as the region: 9 + 9 cases, beside 6 odd subjects. */
    private static final List<String> ODD_VALUES = List.of("00\"Y00", "00'Y00", "00%Y00", "00Y\u00e900", "00 YY00",
            "00Y\u000000", "a".repeat(65), "", "noord\u202e");

    static Stream<Arguments> oddClaims() {
        List<Arguments> cases = new ArrayList<>();
        for (String odd : ODD_VALUES) {
            cases.add(Arguments.of(Caller.SCHOOL_CLAIM, odd, Tokens.claims("user@" + SCHOOL, odd, null,
                    Roles.SENDING_SCHOOL)));
            cases.add(Arguments.of(Caller.REGION_CLAIM, odd, Tokens.claims("user@" + SCHOOL, SCHOOL, odd,
                    Roles.SENDING_SCHOOL)));
        }
        for (String subject : List.of("user @00YY00", "u".repeat(300), "user\"@00YY00", "user\u0000", "",
                "gebruiker\u00e9")) {
            cases.add(Arguments.of("sub", subject, Tokens.claims(subject, SCHOOL, null, Roles.SENDING_SCHOOL)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("oddClaims")
    void a_signed_token_with_an_odd_claim_is_401_naming_the_claim(String claim, String value, String token) {
        // Given a validly signed token with one claim out of its form (in oddClaims)
        // When it asks for a dossier's disclosure log, which audits the caller's attempt
        // Then the token is refused at authentication, naming the claim but not its value
        String detail = expectRefused(token, claim);

        if (!value.isEmpty()) {
            assertThat(detail).doesNotContain(value);
        }
    }

    @Test
    void a_token_issued_a_day_from_now_is_401_naming_iat() {
        long inADay = Instant.now().plus(Duration.ofHours(24)).getEpochSecond();
        String token = Tokens.signedClaims("\"sub\":\"user@00YY00\",\"school_id\":\"00YY00\",\"iat\":" + inADay
                + ",\"exp\":" + (inADay + 3600) + ",\"groups\":[\"sending-school\"]");

        expectRefused(token, "iat");
    }

    @Test
    void a_token_not_valid_before_an_hour_from_now_is_401() {
        long now = Instant.now().getEpochSecond();
        String token = Tokens.signedClaims("\"sub\":\"user@00YY00\",\"school_id\":\"00YY00\",\"iat\":" + now
                + ",\"nbf\":" + (now + 3600) + ",\"exp\":" + (now + 7200) + ",\"groups\":[\"sending-school\"]");

        expectUnauthenticated(token);
    }

    @Test
    void a_token_without_an_expiry_is_401() {
        String token = Tokens.signedClaims("\"sub\":\"user@00YY00\",\"school_id\":\"00YY00\",\"iat\":"
                + Instant.now().getEpochSecond() + ",\"groups\":[\"sending-school\"]");

        expectUnauthenticated(token);
    }

    @Test
    void a_token_issued_within_the_clock_skew_is_accepted() {
        long soon = Instant.now().plusSeconds(20).getEpochSecond();
        String token = Tokens.signedClaims("\"sub\":\"user@00YY00\",\"school_id\":\"00YY00\",\"region_id\":\"noord-oost-2\","
                + "\"iat\":" + soon + ",\"exp\":" + (soon + 3600) + ",\"groups\":[\"sending-school\"]");

        given().header("Authorization", Tokens.bearer(token))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("school", equalTo(SCHOOL))
                .body("region", equalTo("noord-oost-2"));
    }

    @Test
    void a_flemish_school_and_a_region_in_their_forms_are_accepted() {
        given().header("Authorization", Tokens.bearer(Tokens.claims("lkr-17@012345", "012345", REGION,
                        Roles.RECEIVING_SCHOOL)))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("subject", equalTo("lkr-17@012345"))
                .body("school", equalTo("012345"))
                .body("region", equalTo(REGION));
    }

    private static String expectRefused(String token, String claim) {
        return given().header("Authorization", Tokens.bearer(token))
                .when().get("/api/v1/dossiers/" + UUID.randomUUID() + "/audit")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("https://overdracht.nl/problems/unauthenticated"))
                .body("detail", containsString("token's " + claim + " claim"))
                .extract().path("detail");
    }

    private static void expectUnauthenticated(String token) {
        given().header("Authorization", Tokens.bearer(token))
                .when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://overdracht.nl/problems/unauthenticated"));
    }
}
