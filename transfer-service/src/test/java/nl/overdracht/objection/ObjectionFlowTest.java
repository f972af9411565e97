package nl.overdracht.objection;

import static io.restassured.RestAssured.given;
import static nl.overdracht.testing.Transfers.as;
import static nl.overdracht.testing.Transfers.auditCount;
import static nl.overdracht.testing.Transfers.awaitState;
import static nl.overdracht.testing.Transfers.enrol;
import static nl.overdracht.testing.Transfers.eventCount;
import static nl.overdracht.testing.Transfers.one;
import static nl.overdracht.testing.Transfers.query;
import static nl.overdracht.testing.Transfers.state;
import static nl.overdracht.testing.Transfers.submitOso;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.overdracht.lifecycle.LifecycleTimer;
import nl.overdracht.profile.ProfileCatalog;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import nl.overdracht.testing.Transfers.Matched;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;

/** Parents' objections, recorded by the sending school: whole, per section, refused for a mandatory section, withdrawn. */
@QuarkusTest
class ObjectionFlowTest {

    /** The vl-baso and OSO windows and the retention after an objection (schema/.../profiles). */
    private static final Duration BASO_WINDOW = Duration.ofDays(10);
    private static final Duration OSO_WINDOW = Duration.ofDays(14);
    private static final Duration RETENTION_AFTER_OBJECTION = Duration.ofDays(7);
    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    @Inject
    LifecycleTimer timer;

    @Inject
    java.time.Clock clock;

    @Inject
    ObjectionService objections;

    @Inject
    ProfileCatalog profiles;

    @Inject
    Pool pool;

    private void timerRound() {
        timer.runDue().await().atMost(Transfers.WAIT);
    }

    /** A vl-baso dossier of a fresh pupil, matched with an enrolment, so in its objection window. */
    private static Matched matchedBaso() {
        Matched matched = Transfers.matchedBaso(TestSchools.dutch("OS"), TestSchools.dutch("OR"));
        assertThat(state(matched.sending(), matched.id())).isEqualTo("OBJECTION_WINDOW");
        return matched;
    }

    /** An OSO dossier of a fresh pupil, matched with an enrolment, so in its objection window. */
    private static Matched matchedOso() {
        Matched matched = Transfers.matchedOso(TestSchools.dutch("OS"), TestSchools.dutch("OR"));
        assertThat(state(matched.sending(), matched.id())).isEqualTo("OBJECTION_WINDOW");
        return matched;
    }

    private static ValidatableResponse object(String school, UUID id, Map<String, Object> objection) {
        return as(school, Roles.SENDING_SCHOOL).contentType(ContentType.JSON).body(objection)
                .when().post("/api/v1/dossiers/" + id + "/objections").then();
    }

    private static Map<String, Object> whole() {
        return Map.of("scope", "whole", "objectedBy", "parent", "objectedOn", "2025-09-01");
    }

    private static Map<String, Object> sections(String... names) {
        return Map.of("scope", "sections", "sections", List.of(names), "objectedBy", "guardian",
                "objectedOn", "2025-09-01");
    }

    private Set<String> sectionsUnderObjection(UUID id) {
        return objections.standing(pool, id).await().atMost(Transfers.WAIT).sections();
    }

    @Test
    void a_whole_objection_withholds_the_dossier_until_the_window_elapses_and_then_releases_its_mandatory_part() {
        // Given a vl-baso dossier with a verslag in its window, and the parents' inspection
        Matched dossier = matchedBaso();
        as(dossier.sending(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("inspectedOn", "2025-08-30", "agreed", false, "reason", "Fictieve reden van de ouders."))
                .when().post("/api/v1/dossiers/" + dossier.id() + "/inspection").then().statusCode(201);

        // When the parents object to the whole dossier
        object(dossier.sending(), dossier.id(), whole()).statusCode(201)
                .body("whole", equalTo(true)).body("objectedBy", equalTo("parent"));

        // Then it is OBJECTED, and stays so (kept, not purged) past the objection retention while the window runs
        assertThat(state(dossier.sending(), dossier.id())).isEqualTo("OBJECTED");
        assertThat(auditCount(pool, dossier.id(), "OBJECTION_RECORDED")).isEqualTo(1);
        assertThat(auditCount(pool, dossier.id(), "DOSSIER_OBJECTED")).isEqualTo(1);
        TestClock.advance(RETENTION_AFTER_OBJECTION.plus(Duration.ofHours(1)));
        timerRound();
        assertThat(state(dossier.sending(), dossier.id())).isEqualTo("OBJECTED");
        assertThat(eventCount(pool, dossier.id(), "RELEASE")).isZero();

        // and when the window elapses, the mandatory part is released: every other section is withheld
        TestClock.advance(BASO_WINDOW.minus(RETENTION_AFTER_OBJECTION));
        awaitState(dossier.sending(), dossier.id(), "RELEASED", this::timerRound);
        assertThat(eventCount(pool, dossier.id(), "RELEASE")).isEqualTo(1);
        ObjectionService.Standing standing = objections.standing(pool, dossier.id()).await().atMost(Transfers.WAIT);
        assertThat(standing.whole()).isTrue();
        assertThat(standing.withheld(profiles.find("vl-baso", "2").orElseThrow()))
                .doesNotContain("pupil", "verslag").contains("specificNeeds", "parentsPart", "pupilPart");
    }

    @Test
    void a_whole_objection_before_the_match_is_recorded_and_takes_effect_when_the_window_opens() {
        // Given an OSO dossier that waits for its enrolment
        String sending = TestSchools.dutch("OS");
        String receiving = TestSchools.dutch("OR");
        String bsn = Pupils.bsn();
        UUID id = submitOso(sending, bsn, null);

        // When the parents object to the whole dossier before the pupil is enrolled
        object(sending, id, whole()).statusCode(201).body("whole", equalTo(true));

        // Then the objection is kept and the dossier still waits; once matched it is OBJECTED at once
        assertThat(state(sending, id)).isEqualTo("AWAITING_ENROLMENT");
        enrol(receiving, "BSN", bsn, null);
        assertThat(state(sending, id)).isEqualTo("OBJECTED");
        assertThat(auditCount(pool, id, "DOSSIER_OBJECTED")).isEqualTo(1);
        // and, OSO making categories mandatory (WPO art. 42), its mandatory part is released after the window
        TestClock.advance(OSO_WINDOW.plus(A_MINUTE));
        awaitState(sending, id, "RELEASED", this::timerRound);
    }

    @Test
    void whole_and_section_objections_follow_one_rule_for_when_parents_may_act() {
        // Given one dossier waiting for its enrolment and one whose window has closed
        String sending = TestSchools.dutch("OS");
        UUID waiting = submitOso(sending, Pupils.bsn(), null);
        Matched closed = matchedOso();
        TestClock.advance(OSO_WINDOW.plus(A_MINUTE));

        // Then both kinds are accepted before the match, and both refused once the window closed
        object(sending, waiting, sections("verzuim")).statusCode(201);
        object(sending, waiting, whole()).statusCode(201);
        object(closed.sending(), closed.id(), sections("verzuim")).statusCode(409);
        object(closed.sending(), closed.id(), whole()).statusCode(409);
    }

    @Test
    void an_objection_or_inspection_dated_in_the_future_is_422_and_nothing_is_recorded() {
        // Given a dossier in its window
        Matched dossier = matchedOso();
        String future = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(2).toString();

        // When the objection or inspection is dated next year
        object(dossier.sending(), dossier.id(), Map.of("scope", "whole", "objectedBy", "parent", "objectedOn", future))
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/objectedOn")).body("errors[0].code", equalTo("date-in-future"));
        matchedBasoInspection(future);

        // Then nothing changed
        assertThat(state(dossier.sending(), dossier.id())).isEqualTo("OBJECTION_WINDOW");
        assertThat(query(pool, "SELECT id FROM objection WHERE dossier_id = $1", dossier.id())).isEmpty();
    }

    private void matchedBasoInspection(String date) {
        Matched baso = matchedBaso();
        as(baso.sending(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("inspectedOn", date, "agreed", true))
                .when().post("/api/v1/dossiers/" + baso.id() + "/inspection")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/inspectedOn"));
        assertThat(query(pool, "SELECT id FROM inspection WHERE dossier_id = $1", baso.id())).isEmpty();
    }

    @Test
    void a_section_objection_is_recorded_and_the_dossier_is_still_released_without_those_sections() {
        Matched dossier = matchedOso();

        object(dossier.sending(), dossier.id(), sections("onderwijsondersteuning", "verzuim", "verzuim"))
                .statusCode(201)
                .body("whole", equalTo(false))
                .body("sections", equalTo(List.of("onderwijsondersteuning", "verzuim")));

        assertThat(state(dossier.sending(), dossier.id())).isEqualTo("OBJECTION_WINDOW");
        as(dossier.sending(), Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + dossier.id() + "/objections")
                .then().statusCode(200).body("", hasSize(1)).body("[0].sections", hasSize(2));

        TestClock.advance(OSO_WINDOW.plus(A_MINUTE));
        awaitState(dossier.sending(), dossier.id(), "RELEASED", this::timerRound);

        assertThat(sectionsUnderObjection(dossier.id())).containsExactly("onderwijsondersteuning", "verzuim");
    }

    @Test
    void an_objection_to_a_mandatory_section_is_refused_with_the_legal_reason_and_nothing_is_recorded() {
        Matched dossier = matchedBaso();
        String reason = profiles.find("vl-baso", "2").orElseThrow().section("verslag").orElseThrow()
                .mandatoryReason().orElseThrow();

        object(dossier.sending(), dossier.id(), sections("specificNeeds", "verslag"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/mandatory-section"))
                .body("errors", hasSize(1))
                .body("errors[0].pointer", equalTo("/sections/1"))
                .body("errors[0].code", equalTo("mandatory-section"))
                .body("errors[0].detail", equalTo(reason));

        assertThat(sectionsUnderObjection(dossier.id())).isEmpty();
        assertThat(query(pool, "SELECT id FROM objection WHERE dossier_id = $1", dossier.id())).isEmpty();
        assertThat(state(dossier.sending(), dossier.id())).isEqualTo("OBJECTION_WINDOW");
        Transfers.await("the refusal's audit entry", () -> auditCount(pool, dossier.id(), "OBJECTION_REFUSED") == 1
                ? java.util.Optional.of(true) : java.util.Optional.empty());
    }

    @Test
    void a_withdrawn_section_objection_no_longer_removes_its_sections() {
        Matched dossier = matchedOso();
        String objectionId = object(dossier.sending(), dossier.id(), sections("verzuim"))
                .statusCode(201).extract().path("id");
        assertThat(sectionsUnderObjection(dossier.id())).containsExactly("verzuim");

        as(dossier.sending(), Roles.SENDING_SCHOOL)
                .when().delete("/api/v1/dossiers/" + dossier.id() + "/objections/" + objectionId)
                .then().statusCode(200).body("id", equalTo(objectionId)).body("withdrawnAt", notNullValue());

        assertThat(sectionsUnderObjection(dossier.id())).isEmpty();
        assertThat(auditCount(pool, dossier.id(), "OBJECTION_WITHDRAWN")).isEqualTo(1);
        as(dossier.sending(), Roles.SENDING_SCHOOL)
                .when().delete("/api/v1/dossiers/" + dossier.id() + "/objections/" + objectionId)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void an_objection_after_the_window_closed_is_409() {
        Matched dossier = matchedOso();
        String objectionId = object(dossier.sending(), dossier.id(), sections("verzuim"))
                .statusCode(201).extract().path("id");

        TestClock.advance(OSO_WINDOW.plus(A_MINUTE));

        for (Map<String, Object> late : List.of(whole(), sections("onderwijsondersteuning"))) {
            object(dossier.sending(), dossier.id(), late)
                    .statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("https://overdracht.nl/problems/illegal-transition"));
        }
        as(dossier.sending(), Roles.SENDING_SCHOOL)
                .when().delete("/api/v1/dossiers/" + dossier.id() + "/objections/" + objectionId)
                .then().statusCode(409)
                .body("type", equalTo("https://overdracht.nl/problems/illegal-transition"));
        awaitState(dossier.sending(), dossier.id(), "RELEASED", this::timerRound);
        assertThat(sectionsUnderObjection(dossier.id())).containsExactly("verzuim");
    }

    @Test
    void an_unknown_or_empty_section_list_is_400_naming_each_fault() {
        Matched dossier = matchedOso();

        object(dossier.sending(), dossier.id(), sections("verzuim", "tuchtmaatregelen"))
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/invalid-request"))
                .body("errors[0].pointer", equalTo("/sections/1"))
                .body("errors[0].code", equalTo("unknown-section"));
        object(dossier.sending(), dossier.id(), Map.of("scope", "sections", "objectedBy", "parent",
                "objectedOn", "2025-09-01"))
                .statusCode(400).body("errors[0].code", equalTo("no-sections"));
        object(dossier.sending(), dossier.id(), Map.of("scope", "half", "objectedBy", "Jan Jansen"))
                .statusCode(400)
                .body("errors.pointer", org.hamcrest.Matchers.hasItems("/scope", "/objectedBy", "/objectedOn"));
        assertThat(sectionsUnderObjection(dossier.id())).isEmpty();
    }

    @Test
    void only_the_sending_school_records_inspections_and_objections() {
        Matched dossier = matchedBaso();
        String base = "/api/v1/dossiers/" + dossier.id();
        for (String token : List.of(Tokens.school(dossier.receiving(), Roles.RECEIVING_SCHOOL),
                Tokens.region("noord", Roles.OPERATOR), Tokens.region("noord", Roles.AUDITOR))) {
            given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON).body(whole())
                    .when().post(base + "/objections").then().statusCode(403).contentType("application/problem+json");
            given().header("Authorization", Tokens.bearer(token))
                    .when().get(base + "/objections").then().statusCode(403);
            given().header("Authorization", Tokens.bearer(token))
                    .when().delete(base + "/objections/" + UUID.randomUUID()).then().statusCode(403);
            given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON)
                    .body(Map.of("inspectedOn", "2025-08-30", "agreed", true))
                    .when().post(base + "/inspection").then().statusCode(403);
        }
        assertThat(state(dossier.sending(), dossier.id())).isEqualTo("OBJECTION_WINDOW");
    }

    @Test
    void another_schools_dossier_is_404_for_inspections_and_objections() {
        Matched dossier = matchedBaso();
        String other = TestSchools.dutch("OO");
        String base = "/api/v1/dossiers/" + dossier.id();

        object(other, dossier.id(), whole()).statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/not-found"));
        as(other, Roles.SENDING_SCHOOL).when().get(base + "/objections").then().statusCode(404);
        as(other, Roles.SENDING_SCHOOL).when().delete(base + "/objections/" + UUID.randomUUID()).then().statusCode(404);
        as(other, Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("inspectedOn", "2025-08-30", "agreed", true))
                .when().post(base + "/inspection").then().statusCode(404);

        assertThat(state(dossier.sending(), dossier.id())).isEqualTo("OBJECTION_WINDOW");
    }

    @Test
    void an_oso_dossiers_own_inzage_block_is_its_record_of_inspection() {
        Matched dossier = matchedOso();

        as(dossier.sending(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("inspectedOn", "2025-08-30", "agreed", true))
                .when().post("/api/v1/dossiers/" + dossier.id() + "/inspection")
                .then().statusCode(422).contentType("application/problem+json");
    }
}
