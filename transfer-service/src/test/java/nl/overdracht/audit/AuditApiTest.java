package nl.overdracht.audit;

import static io.restassured.RestAssured.given;
import static nl.overdracht.audit.AuditFixtures.appendAndDrain;
import static nl.overdracht.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import org.junit.jupiter.api.Test;

/** The auditor API and the disclosure log: filters, pages, CSV, and who may see what. */
@QuarkusTest
class AuditApiTest {

    private static final List<String> AUDITOR_PATHS = List.of("/api/v1/audit/entries", "/api/v1/audit/checkpoints",
            "/api/v1/audit/verification", "/api/v1/audit/export");

    @Inject
    AuditLog audit;

    @Inject
    Pool pool;

    @Test
    void entries_are_filtered_by_dossier_and_action() {
        UUID dossier = UUID.randomUUID();
        appendAndDrain(audit, record(AuditAction.DOSSIER_SUBMITTED, dossier, "20AA00", "accepted"),
                record(AuditAction.DOSSIER_REVISED, dossier, "20AA00", "accepted"),
                record(AuditAction.DOSSIER_REVISED, UUID.randomUUID(), "20AA00", "accepted"));

        auditor().queryParam("dossier", dossier).queryParam("action", "DOSSIER_REVISED")
                .when().get("/api/v1/audit/entries")
                .then().statusCode(200)
                .body("entries", hasSize(1))
                .body("entries[0].action", equalTo("DOSSIER_REVISED"))
                .body("entries[0].dossierId", equalTo(dossier.toString()))
                .body("entries[0].leaf", notNullValue())
                .body("next", nullValue());
    }

    @Test
    void entries_are_filtered_by_the_actors_school_and_time() {
        String school = TestSchools.dutch();
        appendAndDrain(audit, record(AuditAction.ENROLMENT_RECORDED, null, school, "recorded"),
                record(AuditAction.ENROLMENT_RECORDED, null, school, "recorded"));

        auditor().queryParam("school", school).when().get("/api/v1/audit/entries")
                .then().statusCode(200)
                .body("entries", hasSize(2))
                .body("entries.actorSchool", everyItem(equalTo(school)));
        auditor().queryParam("school", school).queryParam("from", "2999-01-01T00:00:00Z")
                .when().get("/api/v1/audit/entries")
                .then().statusCode(200).body("entries", hasSize(0));
        auditor().queryParam("school", school).queryParam("to", "2000-01-01T00:00:00Z")
                .when().get("/api/v1/audit/entries")
                .then().statusCode(200).body("entries", hasSize(0));
    }

    @Test
    void pages_follow_the_cursor_until_next_is_null() {
        UUID dossier = UUID.randomUUID();
        appendAndDrain(audit, record(AuditAction.DOSSIER_SUBMITTED, dossier, "20AA00", "accepted"),
                record(AuditAction.ENROLMENT_MATCHED, dossier, "20AA00", "matched"),
                record(AuditAction.DOSSIER_RELEASED, dossier, "20AA00", "released"));

        Integer next = auditor().queryParam("dossier", dossier).queryParam("limit", 2)
                .when().get("/api/v1/audit/entries")
                .then().statusCode(200)
                .body("entries.action", contains("DOSSIER_SUBMITTED", "ENROLMENT_MATCHED"))
                .extract().path("next");
        auditor().queryParam("dossier", dossier).queryParam("limit", 2).queryParam("cursor", next)
                .when().get("/api/v1/audit/entries")
                .then().statusCode(200)
                .body("entries.action", contains("DOSSIER_RELEASED"))
                .body("next", nullValue());
    }

    @Test
    void entries_are_csv_when_asked_for() {
        UUID dossier = UUID.randomUUID();
        appendAndDrain(audit, record(AuditAction.DOSSIER_SUBMITTED, dossier, "20AA00", "accepted"),
                record(AuditAction.DOSSIER_WITHDRAWN, dossier, "20AA00", "withdrawn"));

        String csv = auditor().accept("text/csv").queryParam("dossier", dossier)
                .when().get("/api/v1/audit/entries")
                .then().statusCode(200).contentType("text/csv")
                .extract().asString();

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(String.join(",", AuditViews.Entry.CSV_HEADER));
        assertThat(lines.get(1)).contains(",DOSSIER_SUBMITTED,user@20AA00,sending-school,20AA00,," + dossier
                + ",accepted,,");
        assertThat(lines.get(2)).contains(",DOSSIER_WITHDRAWN,");
    }

    @Test
    void a_limit_above_1000_is_a_400_problem_naming_the_parameter() {
        auditor().queryParam("limit", 1001).when().get("/api/v1/audit/entries")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.BASE + "invalid-request"))
                .body("errors[0].pointer", equalTo("limit"));
    }

    @Test
    void checkpoints_are_listed_with_their_signatures() {
        appendAndDrain(audit, record(AuditAction.OPERATOR_ACTION, null, "20AA00", "done"));

        auditor().when().get("/api/v1/audit/checkpoints")
                .then().statusCode(200)
                .body("checkpoints[0].size", greaterThan(0))
                .body("checkpoints[0].algorithm", equalTo("SHA256withECDSA"))
                .body("checkpoints[0].signature", notNullValue());
    }

    @Test
    void a_school_token_is_403_on_every_auditor_endpoint() {
        for (String path : AUDITOR_PATHS) {
            given().header("Authorization", Tokens.bearer(Tokens.school("20AA00", Roles.SENDING_SCHOOL,
                            Roles.RECEIVING_SCHOOL)))
                    .when().get(path)
                    .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        }
    }

    @Test
    void an_operator_token_is_403_on_every_auditor_endpoint() {
        for (String path : AUDITOR_PATHS) {
            given().header("Authorization", Tokens.bearer(Tokens.region("noord", Roles.OPERATOR)))
                    .when().get(path)
                    .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        }
    }

    @Test
    void no_token_is_401_on_every_audit_endpoint() {
        for (String path : List.of(AUDITOR_PATHS.get(0), AUDITOR_PATHS.get(1), AUDITOR_PATHS.get(2),
                AUDITOR_PATHS.get(3), "/api/v1/dossiers/" + UUID.randomUUID() + "/audit")) {
            given().when().get(path).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        }
    }

    @Test
    void a_refused_request_is_audited_with_the_subject_and_status() throws InterruptedException {
        String school = TestSchools.dutch();
        given().header("Authorization", Tokens.bearer(Tokens.school(school, Roles.SENDING_SCHOOL)))
                .when().get("/api/v1/audit/entries")
                .then().statusCode(403);

        AuditEntry refusal = AuditFixtures.awaitEntry(pool, audit, "action = 'ACCESS_REFUSED' AND actor_subject = $1",
                Tuple.of("user@" + school), e -> true);

        assertThat(refusal).isNotNull();
        assertThat(refusal.record().outcome()).isEqualTo("http-403");
        assertThat(refusal.record().actor().role()).isEqualTo(AccessRefusalAuditor.REFUSED_ROLE);
    }

    @Test
    void the_sending_and_the_receiving_school_see_the_disclosure_log() {
        String sender = TestSchools.dutch();
        String receiver = TestSchools.dutch();
        UUID dossier = AuditFixtures.insertDossier(pool, sender, receiver);
        appendAndDrain(audit, record(AuditAction.DOSSIER_SUBMITTED, dossier, sender, "accepted"),
                new AuditRecord(AuditAction.ENROLMENT_MATCHED, new AuditActor("user@" + receiver,
                        Roles.RECEIVING_SCHOOL, receiver, null), dossier, "matched", null));

        for (var token : List.of(Tokens.school(sender, Roles.SENDING_SCHOOL),
                Tokens.school(receiver, Roles.RECEIVING_SCHOOL))) {
            given().header("Authorization", Tokens.bearer(token))
                    .when().get("/api/v1/dossiers/" + dossier + "/audit")
                    .then().statusCode(200)
                    .body("entries.action", contains("DOSSIER_SUBMITTED", "ENROLMENT_MATCHED"))
                    .body("entries.actorSchool", contains(sender, receiver))
                    .body("entries[0].actorSubject", nullValue());
        }
    }

    @Test
    void another_school_gets_404_and_its_attempt_is_audited() throws InterruptedException {
        UUID dossier = AuditFixtures.insertDossier(pool, TestSchools.dutch(), TestSchools.dutch());
        String stranger = TestSchools.dutch();

        given().header("Authorization", Tokens.bearer(Tokens.school(stranger, Roles.SENDING_SCHOOL,
                        Roles.RECEIVING_SCHOOL)))
                .when().get("/api/v1/dossiers/" + dossier + "/audit")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.BASE + "not-found"));

        AuditEntry attempt = AuditFixtures.awaitEntry(pool, audit, "dossier_id = $1", Tuple.of(dossier),
                e -> e.record().action() == AuditAction.ACCESS_REFUSED);
        assertThat(attempt).isNotNull();
        assertThat(attempt.record().actor().school()).isEqualTo(stranger);
    }

    @Test
    void the_receiving_role_of_the_sending_school_does_not_open_the_log() {
        String sender = TestSchools.dutch();
        UUID dossier = AuditFixtures.insertDossier(pool, sender, TestSchools.dutch());

        given().header("Authorization", Tokens.bearer(Tokens.school(sender, Roles.RECEIVING_SCHOOL)))
                .when().get("/api/v1/dossiers/" + dossier + "/audit")
                .then().statusCode(404);
    }

    /** A national auditor: the entries these tests write name schools of no region. */
    private static RequestSpecification auditor() {
        return given().header("Authorization", Tokens.bearer(Tokens.national(Roles.NATIONAL_AUDITOR)));
    }
}
