package nl.overdracht.enrolment;

import static io.restassured.RestAssured.given;
import static nl.overdracht.testing.Transfers.as;
import static nl.overdracht.testing.Transfers.enrol;
import static nl.overdracht.testing.Transfers.state;
import static nl.overdracht.testing.Transfers.submitOso;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;

/** Enrolments match dossiers by the pupil's blind index, in either order, and never across a named receiving school. */
@QuarkusTest
class EnrolmentMatchingTest {

    private static final String ENROLMENTS = "/api/v1/enrolments";
    private static final String CONFLICTS = "/api/v1/enrolment-conflicts";

    @Test
    void an_enrolment_before_the_dossier_waits_and_matches_when_the_dossier_comes() {
        String sending = TestSchools.dutch("ES");
        String receiving = TestSchools.dutch("ER");
        String bsn = Pupils.bsn();

        Map<String, Object> enrolment = enrol(receiving, "BSN", bsn, sending);
        assertThat(enrolment).containsEntry("matched", false).doesNotContainKey("dossierId");
        as(receiving, Roles.RECEIVING_SCHOOL).queryParam("unmatched", true).when().get(ENROLMENTS)
                .then().statusCode(200).body("id", hasItem(enrolment.get("id")));

        UUID dossier = submitOso(sending, bsn, null);

        assertThat(state(sending, dossier)).isEqualTo("OBJECTION_WINDOW");
        JsonPath mine = as(receiving, Roles.RECEIVING_SCHOOL).when().get(ENROLMENTS)
                .then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("")).hasSize(1);
        assertThat(mine.getBoolean("[0].matched")).isTrue();
        assertThat(mine.getString("[0].dossierId")).isEqualTo(dossier.toString());
        assertThat(mine.getString("[0].receivingSchool")).isEqualTo(receiving);
        as(receiving, Roles.RECEIVING_SCHOOL).queryParam("unmatched", true).when().get(ENROLMENTS)
                .then().statusCode(200).body("", hasSize(0));
        as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + dossier)
                .then().body("receivingSchool", equalTo(receiving));
    }

    @Test
    void an_enrolment_never_shows_its_pupil_id() {
        String receiving = TestSchools.dutch("ER");
        String bsn = Pupils.bsn();

        String body = as(receiving, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("pupilIdKind", "BSN", "pupilId", bsn, "enrolmentDate", "2025-08-25"))
                .when().post(ENROLMENTS).then().statusCode(201).extract().asString();
        String list = as(receiving, Roles.RECEIVING_SCHOOL).when().get(ENROLMENTS).then().extract().asString();

        assertThat(body).doesNotContain(bsn);
        assertThat(list).doesNotContain(bsn);
    }

    @Test
    void a_dossier_naming_another_receiving_school_does_not_match_and_its_sending_school_sees_the_conflict() {
        String sending = TestSchools.dutch("ES");
        String named = TestSchools.dutch("EN");
        String enrolling = TestSchools.dutch("ER");
        String bsn = Pupils.bsn();
        UUID dossier = submitOso(sending, bsn, named);

        Map<String, Object> enrolment = enrol(enrolling, "BSN", bsn, null);

        assertThat(enrolment).containsEntry("matched", false).containsEntry("conflict", true);
        assertThat(state(sending, dossier)).isEqualTo("AWAITING_ENROLMENT");
        JsonPath conflicts = as(sending, Roles.SENDING_SCHOOL).when().get(CONFLICTS)
                .then().statusCode(200).extract().jsonPath();
        assertThat(conflicts.getList("")).hasSize(1);
        assertThat(conflicts.getString("[0].enrolmentId")).isEqualTo(enrolment.get("id"));
        assertThat(conflicts.getString("[0].dossierId")).isEqualTo(dossier.toString());
        assertThat(conflicts.getString("[0].enrollingSchool")).isEqualTo(enrolling);
        assertThat(conflicts.getString("[0].namedReceivingSchool")).isEqualTo(named);
        assertThat(conflicts.getString("[0].dossierState")).isEqualTo("AWAITING_ENROLMENT");
        as(TestSchools.dutch("EO"), Roles.SENDING_SCHOOL).when().get(CONFLICTS)
                .then().statusCode(200).body("", hasSize(0));

        Map<String, Object> rightful = enrol(named, "BSN", bsn, null);
        assertThat(rightful).containsEntry("matched", true).containsEntry("dossierId", dossier.toString());
        assertThat(state(sending, dossier)).isEqualTo("OBJECTION_WINDOW");
    }

    @Test
    void an_enrolment_that_came_first_is_in_conflict_with_a_dossier_naming_another_school() {
        String sending = TestSchools.dutch("ES");
        String enrolling = TestSchools.dutch("ER");
        String bsn = Pupils.bsn();
        Map<String, Object> enrolment = enrol(enrolling, "BSN", bsn, null);

        UUID dossier = submitOso(sending, bsn, TestSchools.dutch("EN"));

        assertThat(state(sending, dossier)).isEqualTo("AWAITING_ENROLMENT");
        as(enrolling, Roles.RECEIVING_SCHOOL).when().get(ENROLMENTS).then().statusCode(200)
                .body("[0].id", equalTo(enrolment.get("id")))
                .body("[0].matched", equalTo(false))
                .body("[0].conflict", equalTo(true));
        as(sending, Roles.SENDING_SCHOOL).when().get(CONFLICTS).then().statusCode(200)
                .body("", hasSize(1)).body("[0].enrollingSchool", equalTo(enrolling));
    }

    @Test
    void a_new_dossier_prefers_the_waiting_enrolment_of_the_school_it_names() {
        String sending = TestSchools.dutch("ES");
        String named = TestSchools.dutch("EN");
        String bsn = Pupils.bsn();
        enrol(TestSchools.dutch("ER"), "BSN", bsn, null);
        Map<String, Object> rightful = enrol(named, "BSN", bsn, null);

        UUID dossier = submitOso(sending, bsn, named);

        assertThat(state(sending, dossier)).isEqualTo("OBJECTION_WINDOW");
        as(named, Roles.RECEIVING_SCHOOL).when().get(ENROLMENTS).then()
                .body("[0].id", equalTo(rightful.get("id"))).body("[0].dossierId", equalTo(dossier.toString()));
    }

    @Test
    void an_enrolment_naming_another_sending_school_does_not_match() {
        String sending = TestSchools.dutch("ES");
        String bsn = Pupils.bsn();
        UUID dossier = submitOso(sending, bsn, null);

        Map<String, Object> enrolment = enrol(TestSchools.dutch("ER"), "BSN", bsn, TestSchools.dutch("EX"));

        assertThat(enrolment).containsEntry("matched", false).containsEntry("conflict", false);
        assertThat(state(sending, dossier)).isEqualTo("AWAITING_ENROLMENT");
    }

    @Test
    void a_dossier_and_an_enrolment_of_one_pupil_stored_at_the_same_moment_match() throws Exception {
        int pairs = 20;
        List<String> sendingSchools = new ArrayList<>();
        List<String> pupils = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            sendingSchools.add(TestSchools.dutch("ES"));
            pupils.add(Pupils.bsn());
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<UUID>> dossiers = new ArrayList<>();
            List<CompletableFuture<?>> enrolments = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                int n = i;
                dossiers.add(CompletableFuture.supplyAsync(() -> submitOso(sendingSchools.get(n), pupils.get(n), null),
                        threads));
                enrolments.add(CompletableFuture.runAsync(() -> enrol(TestSchools.dutch("ER"), "BSN", pupils.get(n), null),
                        threads));
            }
            CompletableFuture.allOf(enrolments.toArray(CompletableFuture[]::new)).get();
            for (int i = 0; i < pairs; i++) {
                assertThat(state(sendingSchools.get(i), dossiers.get(i).get())).as("pair %d", i)
                        .isEqualTo("OBJECTION_WINDOW");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void an_invalid_pupil_id_is_422_naming_the_field_but_not_the_value() {
        as(TestSchools.dutch("ER"), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("pupilIdKind", "BSN", "pupilId", "123456789", "enrolmentDate", "2025-08-25"))
                .when().post(ENROLMENTS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/pupilId"))
                .body("errors[0].code", equalTo("invalid-pupil-id"))
                .body(not(containsString("123456789")));
    }

    @Test
    void a_sending_school_that_is_not_a_school_id_is_400_naming_the_field() {
        as(TestSchools.dutch("ER"), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("pupilIdKind", "BSN", "pupilId", Pupils.bsn(), "sendingSchool", "ABCD1234",
                        "enrolmentDate", "2025-08-25"))
                .when().post(ENROLMENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/invalid-request"))
                .body("errors[0].pointer", equalTo("/sendingSchool"));
    }

    @Test
    void missing_fields_are_400_naming_each() {
        as(TestSchools.dutch("ER"), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(Map.of())
                .when().post(ENROLMENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/invalid-request"))
                .body("errors.pointer", hasItems("/enrolmentDate", "/pupilId", "/pupilIdKind"));
    }

    @Test
    void only_a_receiving_school_records_or_lists_enrolments() {
        String body = "{\"pupilIdKind\":\"BSN\",\"pupilId\":\"" + Pupils.bsn() + "\",\"enrolmentDate\":\"2025-08-25\"}";
        for (String token : List.of(Tokens.school(TestSchools.dutch("ES"), Roles.SENDING_SCHOOL),
                Tokens.region("noord", Roles.OPERATOR), Tokens.region("noord", Roles.AUDITOR))) {
            given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON).body(body)
                    .when().post(ENROLMENTS)
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("https://overdracht.nl/problems/forbidden"));
            given().header("Authorization", Tokens.bearer(token))
                    .when().get(ENROLMENTS)
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void an_operator_sees_the_conflicts_of_schools_in_the_region_only() {
        String region = "conflicts-" + UUID.randomUUID().toString().substring(0, 8);
        String named = TestSchools.dutch();
        Transfers.register(region, named, List.of("oso-gegevensset@2019.1"));
        String bsn = Pupils.bsn();
        UUID dossier = submitOso(TestSchools.dutch("ES"), bsn, named);
        enrol(TestSchools.dutch("ER"), "BSN", bsn, null);

        Transfers.operator(region).when().get(CONFLICTS)
                .then().statusCode(200).body("dossierId", org.hamcrest.Matchers.contains(dossier.toString()));
        given().header("Authorization", Tokens.bearer(Tokens.region(region + "-other", Roles.OPERATOR)))
                .when().get(CONFLICTS)
                .then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void only_a_sending_school_or_an_operator_lists_enrolment_conflicts() {
        for (String token : List.of(Tokens.school(TestSchools.dutch("ER"), Roles.RECEIVING_SCHOOL),
                Tokens.region("noord", Roles.AUDITOR))) {
            given().header("Authorization", Tokens.bearer(token))
                    .when().get(CONFLICTS)
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }
}
