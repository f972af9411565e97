package nl.overdracht.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import nl.overdracht.crypto.TestCertificates;
import nl.overdracht.lifecycle.LifecycleTimer;
import nl.overdracht.outbox.OutboxRelay;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossier;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.OpenSsl;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.awaitility.Awaitility;

/**
 * The whole way to a delivery, through the public API where there is one: register the receiving
 * school and its certificate, submit, enrol, object, let the window elapse, wait for the package.
 * A bean of the tests, injected into the delivery tests.
 */
@Singleton
public class DeliveryFixtures {

    static final String REGION = "delivery-tests";
    static final Duration WAIT = Transfers.WAIT;

    @Inject
    Pool pool;

    @Inject
    LifecycleTimer timer;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    /** A registered receiving school, its one certificate (key included) and the certificate's registry id. */
    public record ReceivingSchool(String id, TestCertificates.Issued certificate, UUID certificateId) {
    }

    /** A submitted dossier: its id, the exact bytes sent, its profile and the schools. */
    public record Submitted(UUID id, byte[] body, String profile, String profileVersion, String sendingSchool,
            String receivingSchool, String pupilKind, String pupilId) {
    }

    static RequestSpecification receiving(String school) {
        return Transfers.as(school, Roles.RECEIVING_SCHOOL);
    }

    /** Registers {@code id} in {@code region}, accepting every profile version. */
    public static void register(String region, String id, boolean authEnvelopedData) {
        Transfers.register(region, id, List.of("oso-gegevensset@2018.1", "oso-gegevensset@2019.1", "vl-baso@1",
                "vl-baso@2"), authEnvelopedData);
    }

    /** Registers {@code id} in {@code region}, accepting every profile version, and uploads a certificate for it. */
    public ReceivingSchool receivingSchool(String region, String id, boolean authEnvelopedData) {
        register(region, id, authEnvelopedData);
        return withCertificate(region, id);
    }

    /** Registers {@code id} in {@code region}, accepting only {@code acceptedProfiles}, and uploads a certificate for it. */
    ReceivingSchool receivingSchool(String region, String id, List<String> acceptedProfiles) {
        Transfers.register(region, id, acceptedProfiles, false);
        return withCertificate(region, id);
    }

    private ReceivingSchool withCertificate(String region, String id) {
        TestCertificates.Issued certificate = certificate("Receiving school " + id);
        return new ReceivingSchool(id, certificate, upload(region, id, certificate.certificate()));
    }

    /** A school certificate valid for ten years on the service's clock. */
    TestCertificates.Issued certificate(String subject) {
        Instant now = clock.instant();
        return TestCertificates.rsa("CN=" + subject, 2048).validity(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650))).issue();
    }

    /** Uploads a certificate; answers its registry id. */
    static UUID upload(String region, String school, X509Certificate certificate) {
        String id = Transfers.operator(region).contentType("application/x-pem-file").body(TestSchools.pem(certificate).getBytes(StandardCharsets.US_ASCII))
                .when().post("/api/v1/registry/schools/" + school + "/certificates")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    static void revoke(String region, String school, UUID certificate) {
        Transfers.operator(region).when().delete("/api/v1/registry/schools/" + school + "/certificates/" + certificate)
                .then().statusCode(200);
    }

    /** Submits an OSO POVO dossier for a fresh pupil to {@code receivingSchool}. */
    static Submitted submitOso(String receivingSchool) {
        String bsn = Pupils.bsn();
        String sending = TestSchools.dutch();
        return submit(sending, Dossiers.oso("POVO", bsn, sending), receivingSchool, "oso-gegevensset", "2019.1", "BSN", bsn);
    }

    /** Submits the vl-baso v2 sample for a fresh pupil to {@code receivingSchool}. */
    static Submitted submitBaso(String receivingSchool) {
        String number = Pupils.rijksregisternummer();
        String sending = TestSchools.dutch();
        Dossier body = Dossiers.baso("2", number, sending).withMember("receivingSchool", receivingSchool);
        return submit(sending, body, receivingSchool, "vl-baso", "2", "RIJKSREGISTERNUMMER", number);
    }

    /** Submits an OSO dossier of {@code version} about the pupil with this BSN, from the school it names. */
    public static Submitted submitOso(String sending, Dossier body, String version, String receivingSchool, String bsn) {
        return submit(sending, body, receivingSchool, "oso-gegevensset", version, "BSN", bsn);
    }

    private static Submitted submit(String sending, Dossier body, String receivingSchool, String profile,
            String version, String pupilKind, String pupilId) {
        UUID id = Transfers.submit(sending, body, receivingSchool);
        return new Submitted(id, body.bytes(), profile, version, sending, receivingSchool, pupilKind, pupilId);
    }

    public static void enrol(Submitted dossier) {
        Transfers.enrol(dossier.receivingSchool(), dossier.pupilKind(), dossier.pupilId(), dossier.sendingSchool());
    }

    static void object(Submitted dossier, String... sections) {
        Transfers.as(dossier.sendingSchool(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("scope", "sections", "sections", List.of(sections), "objectedBy", "parent",
                        "objectedOn", LocalDate.now().toString()))
                .when().post("/api/v1/dossiers/" + dossier.id() + "/objections")
                .then().statusCode(201);
    }

    /** The parents object to the whole dossier. */
    static void objectWhole(Submitted dossier) {
        Transfers.as(dossier.sendingSchool(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
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

    /** Waits until the dossier is in {@code state}. */
    public void awaitState(UUID dossier, String state) {
        Awaitility.await("dossier " + dossier + " in " + state).atMost(WAIT).pollInterval(Duration.ofMillis(100))
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
        Awaitility.await("the package of " + delivery + " to change").atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                // a boolean condition: a predicate on the value never holds for null, the withheld package's hash
                .until(() -> !Objects.equals(packageSha256(school, delivery), before));
    }

    /** SHA-256 of {@code bytes} in lower-case hex, computed here rather than by the code under test. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
