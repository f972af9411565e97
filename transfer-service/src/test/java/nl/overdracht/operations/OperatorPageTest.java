package nl.overdracht.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import nl.overdracht.platform.Problem;
import org.junit.jupiter.api.Test;

/**
 * The operator page's files, as the service serves them without a token (the page asks for one; the API
 * answers only with it), each with a policy that allows only the service's own script, style and API.
 */
@QuarkusTest
class OperatorPageTest {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Test
    void the_page_is_served_at_operator_with_a_strict_content_security_policy() {
        page("/operator/", "text/html")
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("<script src=\"app.js\" defer></script>"))
                .body(containsString("<link rel=\"stylesheet\" href=\"app.css\">"))
                .body(containsString("type=\"password\""));
        page("/operator/index.html", "text/html");
    }

    @Test
    void its_script_and_style_are_served_with_their_content_types_and_the_same_policy() {
        page("/operator/app.js", "javascript").body(containsString("sessionStorage"));
        page("/operator/app.css", "text/css").body(containsString(":focus"));
    }

    @Test
    void the_page_has_no_inline_script_or_style_and_loads_nothing_from_elsewhere() {
        String html = given().when().get("/operator/").then().statusCode(200).extract().asString();
        for (String forbidden : List.of("<script>", "style=", "onclick", "onsubmit", "http://", "https://")) {
            assertThat(html).as("the page holds no %s", forbidden).doesNotContain(forbidden);
        }
    }

    @Test
    void the_page_s_address_without_the_final_slash_leads_to_it() {
        given().redirects().follow(false).when().get("/operator")
                .then().statusCode(301).header("Location", equalTo("operator/"))
                .header("Content-Security-Policy", equalTo(POLICY));
        given().when().get("/operator").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Overdracht operator page"));
    }

    @Test
    void a_missing_file_under_operator_is_404_and_the_api_keeps_its_own_headers() {
        given().when().get("/operator/missing.js").then().statusCode(404);
        given().when().get("/api/v1/me").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("Content-Security-Policy", nullValue());
    }

    private static ValidatableResponse page(String path, String contentType) {
        return given().when().get(path).then().statusCode(200)
                .contentType(containsString(contentType))
                .header("Content-Security-Policy", equalTo(POLICY))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }
}
