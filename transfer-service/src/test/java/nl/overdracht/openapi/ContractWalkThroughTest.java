package nl.overdracht.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import nl.overdracht.client.generated.ApiClient;
import nl.overdracht.client.generated.ApiException;
import nl.overdracht.client.generated.api.AuditorApi;
import nl.overdracht.client.generated.api.MeApi;
import nl.overdracht.client.generated.api.OperatorApi;
import nl.overdracht.client.generated.api.ProfilesApi;
import nl.overdracht.client.generated.api.ReceivingSchoolApi;
import nl.overdracht.client.generated.api.SendingSchoolApi;
import nl.overdracht.client.generated.model.Acknowledgement;
import nl.overdracht.client.generated.model.AcknowledgementRequest;
import nl.overdracht.client.generated.model.AuditEntry;
import nl.overdracht.client.generated.model.CertificateView;
import nl.overdracht.client.generated.model.Checkpoints;
import nl.overdracht.client.generated.model.DeliveryView;
import nl.overdracht.client.generated.model.DossierStatus;
import nl.overdracht.client.generated.model.EnrolmentRequest;
import nl.overdracht.client.generated.model.EnrolmentView;
import nl.overdracht.client.generated.model.ObjectionRequest;
import nl.overdracht.client.generated.model.ObjectionView;
import nl.overdracht.client.generated.model.Problem;
import nl.overdracht.client.generated.model.ProfileView;
import nl.overdracht.client.generated.model.SchoolRequest;
import nl.overdracht.client.generated.model.SchoolView;
import nl.overdracht.client.generated.model.TransferState;
import nl.overdracht.crypto.CmsPackages;
import nl.overdracht.crypto.SigningIdentity;
import nl.overdracht.crypto.TestCertificates;
import nl.overdracht.lifecycle.LifecycleTimer;
import nl.overdracht.outbox.OutboxRelay;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import nl.overdracht.testing.Transfers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through, through nothing but the client generated from {@code api/openapi.yaml}:
 * every answer is read as the type the contract names, every refusal as its {@code Problem}, and an
 * answer whose status the contract does not list for its operation fails the test.
 */
@QuarkusTest
class ContractWalkThroughTest {

    static final String REGION = "contract-tests";
    static final String SECTION = "onderwijsondersteuning";

    @TestHTTPResource("/")
    URL base;

    @Inject
    LifecycleTimer timer;

    @Inject
    OutboxRelay relay;

    @Inject
    SigningIdentity overdracht;

    @Inject
    Clock clock;

    private ContractStatuses contract;

    @BeforeEach
    void readContract() {
        contract = new ContractStatuses(ServedDocumentMatchesContractTest.CONTRACT);
    }

    @AfterEach
    void everyAnswerKeptToTheContract() {
        assertThat(contract.undocumented()).isEmpty();
    }

    @Test
    void a_dossier_travels_from_submission_to_acknowledgement_and_into_the_audit_log() throws Exception {
        String sending = TestSchools.dutch();
        String receiving = TestSchools.dutch();
        String bsn = Pupils.bsn();
        OperatorApi operator = new OperatorApi(client(Tokens.region(REGION, Roles.OPERATOR)));
        SendingSchoolApi sender = new SendingSchoolApi(client(Tokens.school(sending, Roles.SENDING_SCHOOL)));
        ReceivingSchoolApi receiver = new ReceivingSchoolApi(client(Tokens.school(receiving, Roles.RECEIVING_SCHOOL)));

        // The operator registers the receiving school and uploads its certificate.
        SchoolView school = operator.registerSchool(new SchoolRequest().id(receiving).name("Testschool " + receiving)
                .acceptedProfiles(List.of("oso-gegevensset@2019.1")).authEnvelopedData(false));
        assertThat(school.getId()).isEqualTo(receiving);
        assertThat(school.getRegion()).isEqualTo(REGION);
        TestCertificates.Issued key = TestCertificates.rsa("CN=Receiving school " + receiving, 2048)
                .validity(clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(3650)))
                .issue();
        CertificateView certificate = operator.addCertificate(receiving, TestSchools.pem(key.certificate()));
        assertThat(certificate.getCurrent()).isTrue();

        // The sending school submits an OSO dossier; a retry with the same key answers the same dossier.
        String dossierXml = Dossiers.oso("POVO", bsn, sending).text();
        String idempotencyKey = UUID.randomUUID().toString();
        DossierStatus submitted = sender.submitDossier(dossierXml, receiving, idempotencyKey);
        assertThat(submitted.getState()).isEqualTo(TransferState.AWAITING_ENROLMENT);
        assertThat(submitted.getProfile()).isEqualTo("oso-gegevensset");
        assertThat(sender.submitDossier(dossierXml, receiving, idempotencyKey).getId()).isEqualTo(submitted.getId());
        UUID id = submitted.getId();

        // The receiving school enrols the pupil: the dossier enters its objection window.
        EnrolmentView enrolment = receiver.enrol(new EnrolmentRequest().pupilIdKind(EnrolmentRequest.PupilIdKindEnum.BSN)
                .pupilId(bsn).sendingSchool(sending).enrolmentDate(LocalDate.parse("2025-08-25")));
        assertThat(enrolment.getMatched()).isTrue();
        assertThat(enrolment.getDossierId()).isEqualTo(id);
        assertThat(sender.getDossier(id).getState()).isEqualTo(TransferState.OBJECTION_WINDOW);

        // The parents object to one section; it is left out of the delivery.
        ObjectionView objection = sender.recordObjection(id, new ObjectionRequest()
                .scope(ObjectionRequest.ScopeEnum.SECTIONS).sections(List.of(SECTION))
                .objectedBy(ObjectionRequest.ObjectedByEnum.PARENT).objectedOn(LocalDate.now()));
        assertThat(objection.getSections()).containsExactly(SECTION);
        assertThat(sender.listObjections(id)).extracting(ObjectionView::getId).containsExactly(objection.getId());

        // The window passes; the dossier is released and packaged.
        TestClock.advance(Duration.ofDays(15));
        timer.runDue().await().atMost(Transfers.WAIT);
        relay.publishPending().await().atMost(Transfers.WAIT);
        Awaitility.await("dossier " + id + " deliverable").atMost(Transfers.WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> sender.getDossier(id).getState(), TransferState.DELIVERABLE::equals);

        // The receiving school lists, downloads, decrypts and verifies, and acknowledges.
        DeliveryView delivery = receiver.listDeliveries(null, "pending").stream()
                .filter(d -> d.getId().equals(id)).findFirst().orElseThrow();
        assertThat(delivery.getAvailable()).isTrue();
        assertThat(delivery.getSectionsRemoved()).containsExactly(SECTION);
        var download = receiver.downloadDeliveryWithHttpInfo(id, null);
        byte[] pkg = Files.readAllBytes(download.getData().toPath());
        assertThat(download.getHeaders().get("ETag")).containsExactly("\"" + sha256(pkg) + "\"");
        assertThat(sha256(pkg)).isEqualTo(delivery.getPackageSha256());
        ApiException notModified = catchThrowableOfType(ApiException.class,
                () -> receiver.downloadDelivery(id, "\"" + sha256(pkg) + "\""));
        assertThat(notModified.getCode()).isEqualTo(304);

        JsonObject envelope = new JsonObject(new String(CmsPackages.decryptAndVerify(pkg, key.privateKey(),
                overdracht.certificate()), StandardCharsets.UTF_8));
        byte[] content = Base64.getDecoder().decode(envelope.getString("content"));
        assertThat(new String(content, StandardCharsets.UTF_8)).contains("<cat_onderwijsondersteuning>OPT-UIT");
        Acknowledgement acknowledgement = receiver.acknowledgeDelivery(id,
                new AcknowledgementRequest().contentSha256(sha256(content)));
        assertThat(acknowledgement.getState()).isEqualTo(TransferState.ACKNOWLEDGED);
        assertThat(acknowledgement.getContentSha256()).isEqualTo(sha256(content));
        assertThat(sender.getDossier(id).getState()).isEqualTo(TransferState.ACKNOWLEDGED);

        // An auditor reads what happened to the dossier, and the signed checkpoints.
        AuditorApi auditor = new AuditorApi(client(Tokens.national(Roles.NATIONAL_AUDITOR)));
        List<String> actions = Awaitility.await("the acknowledgement in the audit log").atMost(Transfers.WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> auditor.listAuditEntries(null, null, id, null, null, null, null)
                        .getEntries().stream().map(AuditEntry::getAction).toList(),
                        found -> found.contains("DELIVERY_ACKNOWLEDGED"));
        assertThat(actions).contains("DOSSIER_SUBMITTED", "ENROLMENT_MATCHED", "OBJECTION_RECORDED",
                "DOSSIER_RELEASED", "DELIVERY_DOWNLOADED", "DELIVERY_ACKNOWLEDGED");
        Checkpoints checkpoints = auditor.listAuditCheckpoints(null, 10);
        assertThat(checkpoints.getCheckpoints()).isNotNull();
        assertThat(contract.answered()).contains("POST /api/v1/dossiers 201", "GET /api/v1/deliveries/{id} 200",
                "GET /api/v1/deliveries/{id} 304", "POST /api/v1/deliveries/{id}/acknowledgement 200");
    }

    @Test
    void a_dossier_that_names_another_sending_school_is_a_422_problem_with_the_field_at_fault() {
        String sending = TestSchools.dutch();
        SendingSchoolApi sender = new SendingSchoolApi(client(Tokens.school(sending, Roles.SENDING_SCHOOL)));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> sender.submitDossier(
                Dossiers.oso("POVO", Pupils.bsn(), TestSchools.dutch()).text(), null, null));

        Problem problem = problem(refused);
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getType().toString()).isEqualTo("https://overdracht.nl/problems/sender-mismatch");
        assertThat(problem.getErrors()).isNotEmpty().allSatisfy(error -> assertThat(error.getPointer()).isNotBlank());
    }

    @Test
    void a_call_without_a_token_is_a_401_problem() {
        MeApi anonymous = new MeApi(client(null));

        ApiException refused = catchThrowableOfType(ApiException.class, anonymous::getMe);

        assertThat(refused.getCode()).isEqualTo(401);
        assertThat(problem(refused).getType().toString()).isEqualTo("https://overdracht.nl/problems/unauthenticated");
    }

    @Test
    void another_schools_or_no_dossier_is_a_404_problem() {
        SendingSchoolApi sender = new SendingSchoolApi(client(Tokens.school(TestSchools.dutch(), Roles.SENDING_SCHOOL)));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> sender.getDossier(UUID.randomUUID()));

        assertThat(refused.getCode()).isEqualTo(404);
        assertThat(problem(refused).getTitle()).isEqualTo("No such resource");
    }

    @Test
    void a_role_that_does_not_fit_is_a_403_problem_and_any_token_reads_the_profiles() throws ApiException {
        String school = TestSchools.dutch();
        ApiClient receiving = client(Tokens.school(school, Roles.RECEIVING_SCHOOL));

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> new SendingSchoolApi(receiving).listDossiers(null, null));
        List<ProfileView> profiles = new ProfilesApi(receiving).listProfiles();

        assertThat(refused.getCode()).isEqualTo(403);
        assertThat(problem(refused).getStatus()).isEqualTo(403);
        assertThat(profiles).extracting(ProfileView::getId).contains("oso-gegevensset", "vl-baso");
    }

    /** A client of the service as the holder of {@code token} (none when null), held to the contract. */
    private ApiClient client(String token) {
        ApiClient api = new ApiClient();
        String uri = base.toString();
        api.updateBaseUri(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri);
        if (token != null) {
            api.setRequestInterceptor(request -> request.header("Authorization", Tokens.bearer(token)));
        }
        api.setResponseInterceptor(contract);
        return api;
    }

    private Problem problem(ApiException refused) {
        assertThat(refused).as("a refusal").isNotNull();
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        try {
            return new ApiClient().getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("the refusal's body is no Problem: " + refused.getResponseBody(), e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
