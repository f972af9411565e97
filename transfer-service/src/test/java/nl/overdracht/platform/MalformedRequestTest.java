package nl.overdracht.platform;

import static nl.overdracht.testing.Transfers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;

/**
 * Requests the service cannot read: every one is a 4xx problem naming what is wrong (the field's
 * pointer or the parameter) without quoting what was sent.
 */
@QuarkusTest
class MalformedRequestTest {

    @TestHTTPResource("/api/v1/registry/schools")
    URL schools;

    @TestHTTPResource("/api/v1/enrolments")
    URL enrolments;

    private static final String REGION = "malformed-requests";
    private static final String SCHOOLS = "/api/v1/registry/schools";
    private static final String ENROLMENTS = "/api/v1/enrolments";
    private static final String MALFORMED = ProblemType.BASE + "malformed-request";
    private static final String INVALID = ProblemType.BASE + "invalid-request";

    private static RequestSpecification receivingSchool() {
        return RestAssured.given()
                .header("Authorization", Tokens.bearer(Tokens.school(TestSchools.dutch(), Roles.RECEIVING_SCHOOL)));
    }

    private static ValidatableResponse registerWith(String json) {
        return operator(REGION).contentType(ContentType.JSON).body(json).when().post(SCHOOLS).then();
    }

    private static ValidatableResponse enrolWith(String json) {
        return receivingSchool().contentType(ContentType.JSON).body(json).when().post(ENROLMENTS).then();
    }

    private static ValidatableResponse malformed(ValidatableResponse response) {
        return response.statusCode(400).contentType(Problem.MEDIA_TYPE).body("type", equalTo(MALFORMED));
    }

    @Test
    void an_array_where_an_object_is_expected_is_400_pointing_at_the_document() {
        malformed(registerWith("[1, 2]")).body("errors[0].pointer", equalTo(""))
                .body("errors[0].detail", containsString("object"));
    }

    @Test
    void a_bare_string_where_an_object_is_expected_is_400_pointing_at_the_document() {
        malformed(registerWith("\"secret-value\"")).body("errors[0].pointer", equalTo(""))
                .body(not(containsString("secret-value")));
    }

    @Test
    void a_field_of_the_wrong_type_is_400_naming_its_pointer_without_its_value() {
        malformed(registerWith("{\"id\": \"00YY00\", \"name\": \"X\", \"acceptedProfiles\": \"secret-value\"}"))
                .body("errors[0].pointer", equalTo("/acceptedProfiles"))
                .body("errors[0].detail", containsString("array"))
                .body(not(containsString("secret-value")));
    }

    @Test
    void an_element_of_the_wrong_type_is_400_naming_its_index() {
        malformed(registerWith("{\"id\": \"00YY00\", \"name\": \"X\", \"acceptedProfiles\": [{\"a\": 1}]}"))
                .body("errors[0].pointer", equalTo("/acceptedProfiles/0"));
    }

    @Test
    void a_date_that_does_not_exist_is_400_naming_the_field_without_its_value() {
        malformed(enrolWith("{\"pupilIdKind\": \"BSN\", \"pupilId\": \"123456782\", \"enrolmentDate\": \"2026-02-30\"}"))
                .body("errors[0].pointer", equalTo("/enrolmentDate"))
                .body("errors[0].detail", containsString("date"))
                .body(not(containsString("2026-02-30")));
    }

    @Test
    void json_that_does_not_parse_is_400_naming_the_position() {
        malformed(registerWith("{\"id\": ")).body("detail", containsString("line 1"));
    }

    @Test
    void an_array_nested_100_000_deep_is_400_where_an_object_is_expected() throws Exception {
        HttpResponse<String> response = postUnlogged(schools, Tokens.region(REGION, Roles.OPERATOR), deepArray());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        assertThat(response.body()).contains(MALFORMED).contains("\"pointer\":\"\"");
    }

    @Test
    void an_array_nested_100_000_deep_in_an_ignored_field_is_400_saying_it_is_too_deep() throws Exception {
        String body = "{\"note\": " + deepArray() + "}";
        HttpResponse<String> response = postUnlogged(enrolments,
                Tokens.school(TestSchools.dutch(), Roles.RECEIVING_SCHOOL), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        assertThat(response.body()).contains(MALFORMED).contains("nested too deep");
    }

    private static String deepArray() {
        return "[".repeat(100_000) + "]".repeat(100_000);
    }

    /** Sent past RestAssured, whose request log would pretty-print the nesting. */
    private static HttpResponse<String> postUnlogged(URL url, String token, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.toURI())
                .header("Authorization", Tokens.bearer(token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_patch_with_a_field_the_request_does_not_have_is_400_naming_it() {
        String school = TestSchools.dutch();
        Transfers.register(REGION, school, List.of("oso-gegevensset@2019.1"));
        malformed(operator(REGION).contentType(ContentType.JSON).body("{\"name\": \"X\", \"colour\": \"red\"}")
                .when().patch(SCHOOLS + "/" + school).then())
                .body("errors[0].pointer", equalTo("/colour"))
                .body("errors[0].detail", containsString("not a field"));
        operator(REGION).when().get(SCHOOLS + "/" + school).then().statusCode(200).body("name", not(equalTo("X")));
    }

    @Test
    void a_patch_with_content_after_the_json_value_is_400() {
        String school = TestSchools.dutch();
        Transfers.register(REGION, school, List.of("oso-gegevensset@2019.1"));
        malformed(operator(REGION).contentType(ContentType.JSON).body("{\"name\": \"X\"} {\"status\": \"SUSPENDED\"}")
                .when().patch(SCHOOLS + "/" + school).then())
                .body("detail", containsString("after"));
        operator(REGION).when().get(SCHOOLS + "/" + school).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void a_well_formed_patch_is_still_accepted() {
        String school = TestSchools.dutch();
        Transfers.register(REGION, school, List.of("oso-gegevensset@2019.1"));
        operator(REGION).contentType(ContentType.JSON).body("{\"name\": \"Renamed\"}")
                .when().patch(SCHOOLS + "/" + school)
                .then().statusCode(200).body("name", equalTo("Renamed"));
    }

    @Test
    void a_limit_that_is_not_a_number_is_400_naming_the_parameter() {
        for (String limit : List.of("abc", "1.5", "2147483648")) {
            receivingSchool().queryParam("limit", limit).when().get(ENROLMENTS)
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo(INVALID))
                    .body("errors.pointer", hasItem("/limit"))
                    .body(not(containsString(limit)));
        }
    }

    @Test
    void an_audit_sequence_that_is_not_a_number_is_400_naming_the_parameter() {
        RestAssured.given().header("Authorization", Tokens.bearer(Tokens.national(Roles.NATIONAL_AUDITOR)))
                .queryParam("from", "99999999999999999999")
                .when().get("/api/v1/audit/verification")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(INVALID))
                .body("errors.pointer", hasItem("from"));
    }
}
