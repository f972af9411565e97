package nl.overdracht.delivery;

import static nl.overdracht.delivery.DeliveryFixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.overdracht.client.OverdrachtClient;
import nl.overdracht.crypto.SigningIdentity;
import nl.overdracht.crypto.TestCertificates;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The reference client ({@code reference-client}, {@code overdracht-client}) against the running service, as
 * a school's IT person runs it: the sending school submits and follows a dossier; the receiving school lists
 * its pending deliveries, fetches one (download, decrypt, verify Overdracht's signature, check the manifest's
 * hash, write the dossier) and acknowledges it.
 */
@QuarkusTest
class ReferenceClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeliveryFixtures fixtures;

    @Inject
    SigningIdentity overdracht;

    @Inject
    Clock clock;

    @TestHTTPResource("/")
    URL service;

    @TempDir
    Path dir;

    /** What one run of the command line printed and how it ended. */
    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @Test
    void a_dossier_submitted_with_the_client_is_fetched_decrypted_verified_and_acknowledged_with_it() throws Exception {
        // Given a receiving school with its certificate and key, and Overdracht's signing certificate, as PEM files
        DeliveryFixtures.ReceivingSchool school = fixtures.receivingSchool(REGION, TestSchools.dutch(), false);
        school.certificate().writePem(dir, "school");
        TestCertificates.writePemObject(dir.resolve("overdracht-cert.pem"), overdracht.certificate());
        String receivingToken = Tokens.school(school.id(), Roles.RECEIVING_SCHOOL);
        // and an OSO dossier of a sending school
        String sending = TestSchools.dutch();
        String bsn = Pupils.bsn();
        byte[] body = Dossiers.oso("POVO", bsn, sending).bytes();
        Files.write(dir.resolve("dossier.xml"), body);

        // When the sending school submits it with the client
        Run submitted = run(Tokens.school(sending, Roles.SENDING_SCHOOL), "submit", dir.resolve("dossier.xml").toString(),
                "--receiving-school", school.id(), "--idempotency-key", UUID.randomUUID().toString());

        // Then it is accepted, and its status reads back
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        UUID id = UUID.fromString(submitted.json().path("id").asText());
        assertThat(submitted.json().path("state").asText()).isEqualTo("AWAITING_ENROLMENT");
        Run status = run(Tokens.school(sending, Roles.SENDING_SCHOOL), "status", id.toString());
        assertThat(status.json().path("state").asText()).isEqualTo("AWAITING_ENROLMENT");

        // When the pupil is enrolled, the window passes and the package is made
        fixtures.released(new DeliveryFixtures.Submitted(id, body, "oso-gegevensset", "2019.1", sending, school.id(),
                "BSN", bsn));
        fixtures.awaitState(id, "DELIVERABLE");

        // Then the receiving school's client lists it as pending
        Run pending = run(receivingToken, "pending");
        List<String> ids = new ArrayList<>();
        pending.json().forEach(delivery -> ids.add(delivery.path("id").asText()));
        assertThat(ids).contains(id.toString());

        // and fetches it: decrypted with the school's key, Overdracht's signature verified, the dossier written exactly
        Run fetched = run(receivingToken, "fetch", id.toString(), "--key", dir.resolve("school-key.pem").toString(),
                "--certificate", dir.resolve("school-cert.pem").toString(),
                "--signer", dir.resolve("overdracht-cert.pem").toString(), "--out", dir.resolve("received.xml").toString());
        assertThat(fetched.exitCode()).as(fetched.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("received.xml"))).isEqualTo(body);
        assertThat(fetched.json().path("contentSha256").asText()).isEqualTo(DeliveryFixtures.sha256Hex(body));
        assertThat(fetched.json().path("manifest").path("dossierId").asText()).isEqualTo(id.toString());

        // and acknowledges it with the file it wrote
        Run acknowledged = run(receivingToken, "ack", id.toString(), "--file", dir.resolve("received.xml").toString());
        assertThat(acknowledged.exitCode()).as(acknowledged.err()).isZero();
        assertThat(acknowledged.json().path("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(fixtures.state(id)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void an_ec_school_s_auth_enveloped_package_is_fetched_and_acknowledged() throws Exception {
        // Given a school with an EC P-256 certificate that takes AuthEnvelopedData (AES-256-GCM)
        String id = TestSchools.dutch();
        DeliveryFixtures.register(REGION, id, true);
        Instant now = clock.instant();
        TestCertificates.Issued certificate = TestCertificates.ec("CN=Receiving school " + id, "secp256r1")
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365))).issue();
        DeliveryFixtures.upload(REGION, id, certificate.certificate());
        certificate.writePem(dir, "school");
        TestCertificates.writePemObject(dir.resolve("overdracht-cert.pem"), overdracht.certificate());
        DeliveryFixtures.Submitted dossier = fixtures.released(DeliveryFixtures.submitOso(id));
        fixtures.awaitState(dossier.id(), "DELIVERABLE");
        String token = Tokens.school(id, Roles.RECEIVING_SCHOOL);

        Run fetched = run(token, "fetch", dossier.id().toString(), "--key", dir.resolve("school-key.pem").toString(),
                "--certificate", dir.resolve("school-cert.pem").toString(),
                "--signer", dir.resolve("overdracht-cert.pem").toString(), "--out", dir.resolve("received.xml").toString());
        Run acknowledged = run(token, "ack", dossier.id().toString(), "--file", dir.resolve("received.xml").toString());

        assertThat(fetched.exitCode()).as(fetched.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("received.xml"))).isEqualTo(dossier.body());
        assertThat(acknowledged.json().path("state").asText()).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void a_package_checked_against_another_signing_certificate_is_refused_and_nothing_is_written() throws Exception {
        DeliveryFixtures.ReceivingSchool school = fixtures.receivingSchool(REGION, TestSchools.dutch(), false);
        school.certificate().writePem(dir, "school");
        TestCertificates.writePemObject(dir.resolve("impostor-cert.pem"), fixtures.certificate("Overdracht").certificate());
        DeliveryFixtures.Submitted dossier = fixtures.released(DeliveryFixtures.submitOso(school.id()));
        fixtures.awaitState(dossier.id(), "DELIVERABLE");

        Run fetched = run(Tokens.school(school.id(), Roles.RECEIVING_SCHOOL), "fetch", dossier.id().toString(),
                "--key", dir.resolve("school-key.pem").toString(), "--certificate", dir.resolve("school-cert.pem").toString(),
                "--signer", dir.resolve("impostor-cert.pem").toString(), "--out", dir.resolve("received.xml").toString());

        assertThat(fetched.exitCode()).isEqualTo(1);
        assertThat(fetched.err()).contains("refused").contains("not signed by Overdracht's certificate");
        assertThat(dir.resolve("received.xml")).doesNotExist();
    }

    @Test
    void a_refusal_of_the_service_is_printed_as_its_problem_with_exit_code_1() {
        Run refused = run(Tokens.school(TestSchools.dutch(), Roles.SENDING_SCHOOL), "status", UUID.randomUUID().toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 404").contains("\"status\":404");
    }

    private Run run(String token, String... command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = OverdrachtClient.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("--url", service.toString(), "--token", token));
        args.addAll(List.of(command));
        int exitCode = line.execute(args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }
}
