package nl.overdracht.registry;

import static io.restassured.RestAssured.given;
import static nl.overdracht.testing.Transfers.as;
import static nl.overdracht.testing.Transfers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.crypto.TestCertificates;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import nl.overdracht.testing.Transfers;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;

/** The registry API: schools and certificates within the operator's region, validation, audit, roles. */
@QuarkusTest
class RegistryApiTest {

    private static final String REGION = "registry-tests";
    private static final String BASE = "/api/v1/registry/schools";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Clock clock;

    @Inject
    Pool pool;

    private static String registered() {
        String id = TestSchools.dutch();
        Transfers.register(REGION, id, List.of("oso-gegevensset@2019.1"));
        return id;
    }

    private static ValidatableResponse upload(String school, String pem) {
        return operator(REGION).contentType("application/x-pem-file").body(pem.getBytes(StandardCharsets.US_ASCII))
                .when().post(BASE + "/" + school + "/certificates").then();
    }

    private TestCertificates.Builder rsa(String subject, int bits) {
        Instant now = clock.instant();
        return TestCertificates.rsa("CN=" + subject, bits).validity(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650)));
    }

    @Test
    void a_school_is_registered_listed_and_read_in_the_operators_region() {
        String id = TestSchools.flemish();

        operator(REGION).contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Basisschool De Wilg", "acceptedProfiles", List.of("vl-baso@1", "vl-baso@2"),
                        "authEnvelopedData", true))
                .when().post(BASE)
                .then().statusCode(201)
                .header("Location", containsString(BASE + "/" + id))
                .body("region", equalTo(REGION))
                .body("status", equalTo("ACTIVE"))
                .body("authEnvelopedData", equalTo(true))
                .body("currentCertificate", nullValue())
                .body("currentCertificateNotAfter", nullValue());

        operator(REGION).when().get(BASE).then().statusCode(200).body("id", hasItem(id));
        operator(REGION).when().get(BASE + "/" + id).then().statusCode(200)
                .body("acceptedProfiles", equalTo(List.of("vl-baso@1", "vl-baso@2")));
        assertThat(audited("SCHOOL_REGISTERED", id + ":registered")).isEqualTo(1);
    }

    @Test
    void another_regions_school_is_404_everywhere() {
        String id = registered();
        byte[] pem = TestSchools.pem(rsa("Elsewhere " + id, 2048).issue().certificate()).getBytes(StandardCharsets.US_ASCII);

        operator("elsewhere").when().get(BASE + "/" + id).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        operator("elsewhere").contentType(ContentType.JSON).body(Map.of("status", "SUSPENDED"))
                .when().patch(BASE + "/" + id).then().statusCode(404);
        operator("elsewhere").contentType("application/x-pem-file").body(pem)
                .when().post(BASE + "/" + id + "/certificates").then().statusCode(404);
        operator("elsewhere").when().get(BASE + "/" + id + "/certificates").then().statusCode(404);
        operator("elsewhere").when().get(BASE).then().statusCode(200).body("id", not(hasItem(id)));
        operator(REGION).when().get(BASE + "/" + id).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void invalid_registrations_are_400_naming_the_field_and_a_duplicate_is_409() {
        operator(REGION).contentType(ContentType.JSON)
                .body(Map.of("id", "not a school", "name", "X", "acceptedProfiles", List.of("oso-gegevensset@2019.1")))
                .when().post(BASE)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].pointer", equalTo("/id"));
        operator(REGION).contentType(ContentType.JSON)
                .body(Map.of("id", TestSchools.dutch(), "name", "X", "acceptedProfiles", List.of("oso-gegevensset@1999")))
                .when().post(BASE)
                .then().statusCode(400).body("errors[0].pointer", equalTo("/acceptedProfiles/0"));
        String id = registered();
        operator(REGION).contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Again", "acceptedProfiles", List.of("oso-gegevensset@2019.1")))
                .when().post(BASE)
                .then().statusCode(409);
    }

    @Test
    void a_valid_rsa_or_ec_certificate_is_added_and_the_newest_becomes_current() {
        String id = registered();

        String rsaId = upload(id, TestSchools.pem(rsa("RSA " + id, 2048).issue().certificate()))
                .statusCode(201).body("keyAlgorithm", equalTo("RSA-2048")).body("current", equalTo(true))
                .extract().path("id");
        Instant now = clock.instant();
        String ecId = upload(id, TestSchools.pem(TestCertificates.ec("CN=EC " + id, "secp256r1")
                        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365))).issue().certificate()))
                .statusCode(201).body("keyAlgorithm", equalTo("EC-256")).body("current", equalTo(true))
                .extract().path("id");

        operator(REGION).when().get(BASE + "/" + id).then().statusCode(200).body("currentCertificate", equalTo(ecId));
        operator(REGION).when().get(BASE + "/" + id + "/certificates").then().statusCode(200)
                .body("find { it.id == '" + rsaId + "' }.current", equalTo(false));
        assertThat(audited("CERTIFICATE_ADDED", id + ":added")).isEqualTo(2);
    }

    @Test
    void revoking_the_newest_certificate_makes_the_older_one_current_and_a_repeat_changes_nothing() {
        String id = registered();
        String older = upload(id, TestSchools.pem(rsa("Older " + id, 2048).issue().certificate()))
                .statusCode(201).extract().path("id");
        String newer = upload(id, TestSchools.pem(rsa("Newer " + id, 3072).issue().certificate()))
                .statusCode(201).extract().path("id");

        operator(REGION).when().delete(BASE + "/" + id + "/certificates/" + newer)
                .then().statusCode(200).body("current", equalTo(false)).body("revokedAt", notNullValue());
        operator(REGION).when().delete(BASE + "/" + id + "/certificates/" + newer).then().statusCode(200);

        operator(REGION).when().get(BASE + "/" + id).then().body("currentCertificate", equalTo(older));
        assertThat(audited("CERTIFICATE_REVOKED", id + ":revoked")).isEqualTo(1);
    }

    @Test
    void a_school_is_listed_with_the_expiry_of_its_current_certificate() {
        // Given a school whose newest certificate expires sooner than the older one
        String id = registered();
        Instant now = clock.instant();
        upload(id, TestSchools.pem(rsa("Long " + id, 2048).issue().certificate())).statusCode(201);
        String shorter = upload(id, TestSchools.pem(TestCertificates.ec("CN=Short " + id, "secp256r1")
                        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20))).issue().certificate()))
                .statusCode(201).extract().path("id");
        String notAfter = operator(REGION).when().get(BASE + "/" + id + "/certificates").then().statusCode(200)
                .extract().path("find { it.id == '" + shorter + "' }.notAfter");

        // When the operator lists the region's schools, Then the school shows the current certificate's expiry
        operator(REGION).when().get(BASE).then().statusCode(200)
                .body("find { it.id == '" + id + "' }.currentCertificate", equalTo(shorter))
                .body("find { it.id == '" + id + "' }.currentCertificateNotAfter", equalTo(notAfter));
        operator(REGION).when().get(BASE + "/" + id).then().statusCode(200)
                .body("currentCertificateNotAfter", equalTo(notAfter));
    }

    @Test
    void a_body_that_is_no_single_pem_certificate_is_400() throws Exception {
        String id = registered();
        TestCertificates.Issued issued = rsa("Key holder " + id, 2048).issue();

        upload(id, "not a certificate").statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.BASE + "malformed-request"))
                .body("errors[0].pointer", equalTo("/certificate"));
        upload(id, TestSchools.pem(new JcaPKCS8Generator(issued.privateKey(), null).generate()))
                .statusCode(400).body("detail", containsString("private key"));
        upload(id, TestSchools.pem(issued.certificate()) + TestSchools.pem(issued.certificate()))
                .statusCode(400).body("detail", containsString("exactly one"));
        operator(REGION).when().get(BASE + "/" + id + "/certificates").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void a_weak_rsa_key_is_422_naming_the_size() {
        String id = registered();
        upload(id, TestSchools.pem(rsa("Weak " + id, 1024).issue().certificate()))
                .statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].code", equalTo("key-too-weak"))
                .body("errors[0].detail", containsString("1024 bits"));
    }

    @Test
    void an_expired_or_not_yet_valid_certificate_is_422_saying_so() {
        String id = registered();
        Instant now = clock.instant();
        upload(id, TestSchools.pem(TestCertificates.rsa("CN=Expired " + id, 2048)
                        .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))).issue().certificate()))
                .statusCode(422).body("errors[0].code", equalTo("certificate-expired"))
                .body("detail", containsString("expired"));
        upload(id, TestSchools.pem(TestCertificates.rsa("CN=Future " + id, 2048)
                        .validity(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(400))).issue().certificate()))
                .statusCode(422).body("errors[0].code", equalTo("certificate-not-yet-valid"))
                .body("detail", containsString("not yet valid"));
    }

    @Test
    void a_key_usage_that_does_not_allow_encryption_is_422() {
        String id = registered();
        upload(id, TestSchools.pem(rsa("Signing only " + id, 2048).keyUsage(KeyUsage.digitalSignature).issue()
                        .certificate()))
                .statusCode(422).body("errors[0].code", equalTo("key-usage"));
        operator(REGION).when().get(BASE + "/" + id).then().body("currentCertificate", nullValue());
    }

    @Test
    void a_status_change_is_audited() {
        String id = registered();

        operator(REGION).contentType(ContentType.JSON).body(Map.of("status", "SUSPENDED", "name", "Renamed"))
                .when().patch(BASE + "/" + id)
                .then().statusCode(200).body("status", equalTo("SUSPENDED")).body("name", equalTo("Renamed"));

        assertThat(audited("SCHOOL_CHANGED", id + ":suspended")).isEqualTo(1);
    }

    @Test
    void every_registry_endpoint_refuses_other_roles_with_403() {
        String id = registered();
        as(id, Roles.RECEIVING_SCHOOL).when().get(BASE).then().statusCode(403);
        as(id, Roles.SENDING_SCHOOL).contentType(ContentType.JSON).body(Map.of("id", TestSchools.dutch(), "name", "X",
                        "acceptedProfiles", List.of("oso-gegevensset@2019.1")))
                .when().post(BASE).then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.region(REGION, Roles.AUDITOR)))
                .when().get(BASE + "/" + id).then().statusCode(403);
        as(id, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(Map.of("status", "ACTIVE"))
                .when().patch(BASE + "/" + id).then().statusCode(403);
        as(id, Roles.RECEIVING_SCHOOL).contentType("application/x-pem-file").body("x".getBytes(StandardCharsets.US_ASCII))
                .when().post(BASE + "/" + id + "/certificates").then().statusCode(403);
        as(id, Roles.RECEIVING_SCHOOL).when().get(BASE + "/" + id + "/certificates").then().statusCode(403);
        as(id, Roles.RECEIVING_SCHOOL).when().delete(BASE + "/" + id + "/certificates/" + UUID.randomUUID())
                .then().statusCode(403);
        operator(REGION).when().get(BASE + "/" + id).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    /** Entries of {@code action} with {@code outcome}, chained or still pending. */
    private long audited(String action, String outcome) {
        return count("SELECT count(*) FROM (SELECT action, outcome FROM audit_pending UNION ALL "
                + "SELECT action, outcome FROM audit_entry) a WHERE action = $1 AND outcome = $2", action, outcome);
    }

    private long count(String sql, String action, String outcome) {
        return pool.preparedQuery(sql).execute(Tuple.of(action, outcome)).await().atMost(WAIT)
                .iterator().next().getLong(0);
    }
}
