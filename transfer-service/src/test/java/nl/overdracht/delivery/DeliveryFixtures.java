package nl.overdracht.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.crypto.TestCertificates;
import nl.overdracht.lifecycle.LifecycleTimer;
import nl.overdracht.outbox.OutboxRelay;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.OpenSsl;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;

/**
 * The whole way to a delivery, through the public API where there is one: register the receiving
 * school and its certificate, submit, enrol, object, let the window elapse, wait for the package.
 */
final class DeliveryFixtures {

    static final String REGION = "delivery-tests";
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Pool pool;
    private final LifecycleTimer timer;
    private final OutboxRelay relay;
    private final Clock clock;

    DeliveryFixtures(Pool pool, LifecycleTimer timer, OutboxRelay relay, Clock clock) {
        this.pool = pool;
        this.timer = timer;
        this.relay = relay;
        this.clock = clock;
    }

    /** A submitted dossier: its id, the exact bytes sent, its profile and the schools. */
    record Submitted(UUID id, byte[] body, String profile, String profileVersion, String sendingSchool,
            String receivingSchool, String pupilKind, String pupilId) {
    }

    static RequestSpecification operator(String region) {
        return given().header("Authorization", Tokens.bearer(Tokens.region(region, Roles.OPERATOR)));
    }

    static RequestSpecification school(String school, String role) {
        return given().header("Authorization", Tokens.bearer(Tokens.school(school, role)));
    }

    static RequestSpecification receiving(String school) {
        return school(school, Roles.RECEIVING_SCHOOL);
    }

    /** Registers {@code id} in {@code region}, accepting every profile version. */
    static void register(String region, String id, boolean authEnvelopedData) {
        register(region, id, List.of("oso-gegevensset@2018.1", "oso-gegevensset@2019.1", "vl-baso@1", "vl-baso@2"),
                authEnvelopedData);
    }

    /** Registers {@code id} in {@code region}, accepting only these {@code profile@version}s. */
    static void register(String region, String id, List<String> acceptedProfiles, boolean authEnvelopedData) {
        operator(region).contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Testschool " + id, "acceptedProfiles", acceptedProfiles,
                        "authEnvelopedData", authEnvelopedData))
                .when().post("/api/v1/registry/schools")
                .then().statusCode(201);
    }

    /** A school certificate valid for ten years on the service's clock. */
    TestCertificates.Issued certificate(String subject) {
        Instant now = clock.instant();
        return TestCertificates.rsa("CN=" + subject, 2048).validity(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650))).issue();
    }

    /** Uploads a certificate; answers its registry id. */
    static UUID upload(String region, String school, X509Certificate certificate) {
        String id = operator(region).contentType("application/x-pem-file").body(TestSchools.pem(certificate).getBytes(StandardCharsets.US_ASCII))
                .when().post("/api/v1/registry/schools/" + school + "/certificates")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    static void revoke(String region, String school, UUID certificate) {
        operator(region).when().delete("/api/v1/registry/schools/" + school + "/certificates/" + certificate)
                .then().statusCode(200);
    }

    /** Submits an OSO POVO dossier for a fresh pupil to {@code receivingSchool}. */
    static Submitted submitOso(String receivingSchool) {
        String bsn = Pupils.bsn();
        String sending = TestSchools.dutch();
        return submit(sending, Pupils.oso("POVO", bsn, sending), "application/xml", receivingSchool, "oso-gegevensset",
                "2019.1", "BSN", bsn);
    }

    /** Submits the vl-baso v2 sample for a fresh pupil to {@code receivingSchool}. */
    static Submitted submitBaso(String receivingSchool) {
        String number = Pupils.rijksregisternummer();
        String sending = TestSchools.dutch();
        byte[] body = new String(Pupils.baso("2", number, sending), StandardCharsets.UTF_8)
                .replace("\"receivingSchool\": \"099999\"", "\"receivingSchool\": \"" + receivingSchool + "\"")
                .getBytes(StandardCharsets.UTF_8);
        return submit(sending, body, "application/json", receivingSchool, "vl-baso", "2", "RIJKSREGISTERNUMMER", number);
    }

    /** Submits an OSO dossier of {@code version} about the pupil with this BSN, from the school it names. */
    static Submitted submitOso(String sending, byte[] body, String version, String receivingSchool, String bsn) {
        return submit(sending, body, "application/xml", receivingSchool, "oso-gegevensset", version, "BSN", bsn);
    }

    private static Submitted submit(String sending, byte[] body, String mediaType, String receivingSchool, String profile,
            String version, String pupilKind, String pupilId) {
        String id = school(sending, Roles.SENDING_SCHOOL).contentType(mediaType).body(body)
                .queryParam("receivingSchool", receivingSchool)
                .when().post("/api/v1/dossiers")
                .then().statusCode(201)
                .extract().path("id");
        return new Submitted(UUID.fromString(id), body, profile, version, sending, receivingSchool, pupilKind, pupilId);
    }

    static void enrol(Submitted dossier) {
        receiving(dossier.receivingSchool()).contentType(ContentType.JSON)
                .body(Map.of("pupilIdKind", dossier.pupilKind(), "pupilId", dossier.pupilId(),
                        "sendingSchool", dossier.sendingSchool(), "enrolmentDate", LocalDate.now().toString()))
                .when().post("/api/v1/enrolments")
                .then().statusCode(201);
    }

    static void object(Submitted dossier, String... sections) {
        school(dossier.sendingSchool(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("scope", "sections", "sections", List.of(sections), "objectedBy", "parent",
                        "objectedOn", LocalDate.now().toString()))
                .when().post("/api/v1/dossiers/" + dossier.id() + "/objections")
                .then().statusCode(201);
    }

    /** The parents object to the whole dossier. */
    static void objectWhole(Submitted dossier) {
        school(dossier.sendingSchool(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("scope", "whole", "objectedBy", "parent", "objectedOn", LocalDate.now().toString()))
                .when().post("/api/v1/dossiers/" + dossier.id() + "/objections")
                .then().statusCode(201);
    }

    /** Submitted, enrolled, objected to as a whole, and its window elapsed. */
    Submitted objectedWholeAndWindowElapsed(Submitted dossier) {
        enrol(dossier);
        objectWhole(dossier);
        assertThat(state(dossier.id())).isEqualTo("OBJECTED");
        TestClock.advance(Duration.ofDays(15));
        timer.runDue().await().atMost(WAIT);
        relay.publishPending().await().atMost(WAIT);
        return dossier;
    }

    /** Lets every objection window elapse and releases what is due. */
    void release(Submitted dossier) {
        assertThat(state(dossier.id())).isEqualTo("OBJECTION_WINDOW");
        TestClock.advance(Duration.ofDays(15));
        timer.runDue().await().atMost(WAIT);
        relay.publishPending().await().atMost(WAIT);
    }

    /** Submitted, enrolled and released, optionally with sections under objection. */
    Submitted released(Submitted dossier, String... objectedSections) {
        enrol(dossier);
        if (objectedSections.length > 0) {
            object(dossier, objectedSections);
        }
        release(dossier);
        return dossier;
    }

    String state(UUID dossier) {
        return pool.preparedQuery("SELECT state FROM dossier WHERE id = $1").execute(Tuple.of(dossier))
                .await().atMost(WAIT).iterator().next().getString("state");
    }

    /** Polls until the dossier is in {@code state}; fails after 30 s. */
    void awaitState(UUID dossier, String state) {
        org.awaitility.Awaitility.await("dossier " + dossier + " in " + state).atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> state(dossier), state::equals);
    }

    /** The package's SHA-256 as the school's list shows it (reading the list is no download); null while withheld. */
    static String packageSha256(String school, UUID delivery) {
        return receiving(school).when().get("/api/v1/deliveries?state=all")
                .then().statusCode(200)
                .extract().path("find { it.id == '" + delivery + "' }.packageSha256");
    }

    /**
     * Waits until a registry change has been worked off: registry requests answer at once and the
     * packages follow in the background, so the package's hash moves away from {@code before}
     * (null: withheld, or not yet packaged).
     */
    static void awaitPackageChanged(String school, UUID delivery, String before) {
        org.awaitility.Awaitility.await("the package of " + delivery + " to change").atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                // a boolean condition: a predicate on the value never holds for null, the withheld package's hash
                .until(() -> !java.util.Objects.equals(packageSha256(school, delivery), before));
    }

    static String sha256Hex(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] download(String school, UUID delivery) {
        return receiving(school).when().get("/api/v1/deliveries/" + delivery)
                .then().statusCode(200)
                .extract().asByteArray();
    }

    /** Decrypts with {@code openssl cms -decrypt}, verifies with {@code openssl cms -verify}: the envelope. */
    static JsonObject opensslOpen(OpenSsl openssl, Path dir, byte[] pkg, TestCertificates.Issued school,
            X509Certificate overdracht) throws IOException {
        school.writePem(dir, "school");
        TestCertificates.writePemObject(dir.resolve("overdracht-cert.pem"), overdracht);
        Files.write(dir.resolve("package.der"), pkg);
        openssl.decryptAndVerify(dir, "package.der", "school-cert.pem", "school-key.pem", "overdracht-cert.pem",
                "envelope.json");
        return new JsonObject(Files.readString(dir.resolve("envelope.json"), StandardCharsets.UTF_8));
    }

    static byte[] content(JsonObject envelope) {
        return Base64.getDecoder().decode(envelope.getString("content"));
    }
}
