package nl.overdracht.webhook;

import static nl.overdracht.testing.Transfers.as;
import static nl.overdracht.testing.Transfers.one;
import static nl.overdracht.testing.Transfers.operator;
import static nl.overdracht.testing.Transfers.submitOso;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.lifecycle.DossierStateChanged;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.platform.Problem;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A school registers, changes and removes its one endpoint, audited; the delivery log is the school's and its region's operator's only. */
@QuarkusTest
class WebhookApiTest {

    private static final String WEBHOOK = "/api/v1/webhook";
    private static final String REGION = "webhook-region";

    @Inject
    Pool pool;

    @Inject
    WebhookEvents events;

    private final WebhookReceiver receiver = WebhookReceiver.get();

    private long audited(String action, String outcome) {
        return one(pool, "SELECT count(*) AS n FROM (SELECT action, outcome FROM audit_pending UNION ALL "
                + "SELECT action, outcome FROM audit_entry) a WHERE action = $1 AND outcome = $2", action, outcome)
                .getLong("n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://school.example/hooks", "https://user:secret@school.example/hooks",
            "https://school.example/hooks#part", "ftp://school.example/hooks", "not a url", "/relative/path"})
    void an_endpoint_that_is_not_a_plain_https_url_is_refused_with_a_problem(String url) {
        String school = TestSchools.dutch("WA");

        as(school, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(Map.of("url", url))
                .when().put(WEBHOOK)
                .then().statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://overdracht.nl/problems/unprocessable"))
                .body("errors[0].pointer", equalTo("/url"));
        as(school, Roles.RECEIVING_SCHOOL).when().get(WEBHOOK).then().statusCode(404);
    }

    @Test
    void an_endpoint_url_too_long_or_missing_is_an_invalid_request() {
        String school = TestSchools.dutch("WA");

        as(school, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("url", "https://school.example/" + "a".repeat(WebhookUrl.MAX_LENGTH)))
                .when().put(WEBHOOK)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        as(school, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(Map.of())
                .when().put(WEBHOOK)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void registering_changing_and_removing_an_endpoint_is_audited() {
        String school = TestSchools.dutch("WA");

        as(school, Roles.SENDING_SCHOOL).contentType(ContentType.JSON).body(Map.of("url", "https://school.example/a"))
                .when().put(WEBHOOK).then().statusCode(201).body("url", equalTo("https://school.example/a"))
                .body("enabled", equalTo(true));
        as(school, Roles.SENDING_SCHOOL).contentType(ContentType.JSON).body(Map.of("url", "https://school.example/b"))
                .when().put(WEBHOOK).then().statusCode(200);
        as(school, Roles.SENDING_SCHOOL).when().get(WEBHOOK).then().statusCode(200)
                .body("url", equalTo("https://school.example/b")).body("school", equalTo(school));
        as(school, Roles.SENDING_SCHOOL).when().delete(WEBHOOK).then().statusCode(204);

        as(school, Roles.SENDING_SCHOOL).when().get(WEBHOOK).then().statusCode(404);
        assertThat(audited("WEBHOOK_REGISTERED", school + ":registered")).isEqualTo(1);
        assertThat(audited("WEBHOOK_CHANGED", school + ":changed")).isEqualTo(1);
        assertThat(audited("WEBHOOK_REMOVED", school + ":removed")).isEqualTo(1);
    }

    @Test
    void roles_other_than_a_school_cannot_register_an_endpoint() {
        operator(REGION).contentType(ContentType.JSON).body(Map.of("url", "https://school.example/a"))
                .when().put(WEBHOOK).then().statusCode(403);
        operator(REGION).when().get(WEBHOOK + "/deliveries").then().statusCode(403);
        as(TestSchools.dutch("WA"), Roles.SENDING_SCHOOL).when().get("/api/v1/operator/webhooks").then().statusCode(403);
        as(TestSchools.dutch("WA"), Roles.SENDING_SCHOOL).when().delete("/api/v1/operator/webhooks/00AB00")
                .then().statusCode(403);
        io.restassured.RestAssured.given().when().get("/api/v1/signing-certificate").then().statusCode(401);
    }

    @Test
    void another_school_and_another_regions_operator_cannot_read_the_delivery_log() {
        String school = TestSchools.dutch("WL");
        Transfers.register(REGION, school, List.of("oso-gegevensset@2019.1"));
        String path = "/ok/" + school;
        as(school, Roles.SENDING_SCHOOL).contentType(ContentType.JSON).body(Map.of("url", receiver.url(path)))
                .when().put(WEBHOOK).then().statusCode(201);
        UUID dossier = submitOso(school, Pupils.bsn(), null);
        events.handle(new DossierStateChanged(dossier, TransitionName.EXPIRE, "AWAITING_ENROLMENT", "EXPIRED", 1,
                "00".repeat(32), Instant.now()).toOutboxEvent()).await().atMost(Transfers.WAIT);
        Transfers.await("the delivery", () -> receiver.at(path).isEmpty() ? Optional.empty() : Optional.of(true));

        as(school, Roles.SENDING_SCHOOL).when().get(WEBHOOK + "/deliveries").then().statusCode(200)
                .body("deliveries", hasSize(1)).body("deliveries[0].dossierId", equalTo(dossier.toString()));
        operator(REGION).when().get("/api/v1/operator/webhooks/" + school + "/deliveries").then().statusCode(200)
                .body("deliveries", hasSize(1));
        as(TestSchools.dutch("WO"), Roles.SENDING_SCHOOL).when().get(WEBHOOK + "/deliveries").then().statusCode(200)
                .body("deliveries", hasSize(0));
        operator("other-region").when().get("/api/v1/operator/webhooks/" + school + "/deliveries").then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE);
        as(school, Roles.SENDING_SCHOOL).when().get("/api/v1/operator/webhooks/" + school + "/deliveries").then()
                .statusCode(403);
    }

    @Test
    void the_delivery_log_pages_by_cursor_and_refuses_a_bad_limit() {
        String school = TestSchools.dutch("WP");
        as(school, Roles.SENDING_SCHOOL).when().get(WEBHOOK + "/deliveries?limit=0").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].pointer", equalTo("/limit"));
        as(school, Roles.SENDING_SCHOOL).when().get(WEBHOOK + "/deliveries?cursor=x").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/cursor"));
    }

    @Test
    void an_operator_disables_an_endpoint_of_its_region_and_what_is_queued_is_given_up() {
        String school = TestSchools.dutch("WD");
        Transfers.register(REGION, school, List.of("oso-gegevensset@2019.1"));
        as(school, Roles.SENDING_SCHOOL).contentType(ContentType.JSON).body(Map.of("url", "https://school.example/x"))
                .when().put(WEBHOOK).then().statusCode(201);

        operator("other-region").when().delete("/api/v1/operator/webhooks/" + school).then().statusCode(404);
        operator(REGION).when().get("/api/v1/operator/webhooks").then().statusCode(200)
                .body("find { it.school == '" + school + "' }.enabled", equalTo(true));
        operator(REGION).when().delete("/api/v1/operator/webhooks/" + school).then().statusCode(204);

        as(school, Roles.SENDING_SCHOOL).when().get(WEBHOOK).then().statusCode(200).body("enabled", equalTo(false));
        assertThat(audited("WEBHOOK_DISABLED", school + ":disabled")).isEqualTo(1);
    }

    @Test
    void the_signing_certificate_names_the_kid_of_the_signatures() {
        String school = TestSchools.dutch("WK");

        String kid = as(school, Roles.RECEIVING_SCHOOL).when().get("/api/v1/signing-certificate")
                .then().statusCode(200).extract().path("kid");
        String pem = as(school, Roles.RECEIVING_SCHOOL).when().get("/api/v1/signing-certificate")
                .then().extract().path("certificate");

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(kid).matches("[A-Za-z0-9_-]{43}");
    }
}
