package nl.overdracht.handover;

import static nl.overdracht.testing.Transfers.as;
import static nl.overdracht.testing.Transfers.auditCount;
import static nl.overdracht.testing.Transfers.enrol;
import static nl.overdracht.testing.Transfers.one;
import static nl.overdracht.testing.Transfers.operator;
import static nl.overdracht.testing.Transfers.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.lifecycle.LifecycleTimer;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossier;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import nl.overdracht.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * The warm handover: asked for by the dossier (OSO contactnodig, vl-baso contactRequested) or the sending
 * school, seen by the receiving school only after the match, scheduled, held or declined, read by the
 * sender, counted for the region's operator, reminded once when not scheduled in time.
 */
@QuarkusTest
class WarmHandoverTest {

    /** The contact person as the OSO dossier names them: it must never leave the sealed dossier. */
    private static final String CONTACT_NAME = "Juf Fenna Contactpersoonfictief";
    private static final String CONTACT_PHONE = "0612398745";
    private static final String CONTACT_EMAIL = "fenna.fictief@school.example";

    private static final String[] EVERY_PROFILE = {"oso-gegevensset@2018.1", "oso-gegevensset@2019.1", "vl-baso@1",
        "vl-baso@2"};

    @Inject
    Pool pool;

    @Inject
    HandoverReminders reminders;

    @Inject
    HandoverConfig config;

    @Inject
    Clock clock;

    @Inject
    LifecycleTimer timer;

    /** The OSO 2019.1 profile's retention after a withdrawal (schema/.../profiles). */
    private static final Duration OSO_RETENTION_AFTER_WITHDRAWAL = Duration.ofDays(7);

    /** The sample OSO POVO dossier about {@code bsn} from {@code school}, asking for contact with a named contact person. */
    private static Dossier osoAskingForContact(String bsn, String school) {
        return Dossiers.oso("POVO", bsn, school).replace("<argumentatie>Fictieve argumentatie.</argumentatie>\n",
                "<argumentatie>Fictieve argumentatie.</argumentatie>\n<contactnodig>true</contactnodig>\n"
                        + "<contactpersoon>" + CONTACT_NAME + "</contactpersoon>\n<contacttelefoon>" + CONTACT_PHONE
                        + "</contacttelefoon>\n<contactemail>" + CONTACT_EMAIL + "</contactemail>\n");
    }

    /** A matched OSO dossier asking for contact: the schools and the dossier. */
    private record Matched(String sending, String receiving, UUID id) {
    }

    private static Matched matchedAskingForContact() {
        String sending = TestSchools.dutch("HS");
        String receiving = TestSchools.dutch("HR");
        String bsn = Pupils.bsn();
        UUID id = Transfers.submit(sending, osoAskingForContact(bsn, sending), null);
        assertThat(enrol(receiving, "BSN", bsn, null).get("matched")).isEqualTo(true);
        return new Matched(sending, receiving, id);
    }

    private static String handoverOf(Matched matched) {
        return "/api/v1/handovers/" + matched.id();
    }

    private static Map<String, Object> schedule(List<String> roles) {
        return Map.of("plannedAt", "2026-09-03T14:00:00Z", "participants", roles);
    }

    @Test
    void an_oso_dossier_asking_for_contact_is_requested_for_the_receiver_after_the_match_and_its_steps_reach_the_sender() {
        // Given an OSO dossier with contactnodig true, not yet matched
        String sending = TestSchools.dutch("HS");
        String receiving = TestSchools.dutch("HR");
        String bsn = Pupils.bsn();
        UUID id = Transfers.submit(sending, osoAskingForContact(bsn, sending), null);

        // Then before the match the receiving school sees nothing, the sender sees it requested by the dossier
        as(receiving, Roles.RECEIVING_SCHOOL).when().get("/api/v1/handovers/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + id + "/handover")
                .then().statusCode(200).body("state", equalTo("REQUESTED")).body("requestedBy", equalTo("dossier"));

        // When the receiving school's enrolment matches
        assertThat(enrol(receiving, "BSN", bsn, null).get("matched")).isEqualTo(true);

        // Then it lists the pupil's handover as requested
        as(receiving, Roles.RECEIVING_SCHOOL).queryParam("state", "REQUESTED").when().get("/api/v1/handovers")
                .then().statusCode(200).body("dossierId", hasItem(id.toString()));

        // When it schedules the conversation, then records it held
        as(receiving, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(schedule(List.of("mentor", "zorgcoordinator")))
                .when().post("/api/v1/handovers/" + id + "/schedule")
                .then().statusCode(200).body("state", equalTo("SCHEDULED"))
                .body("participants", contains("mentor", "zorgcoordinator"));
        as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + id + "/handover")
                .then().statusCode(200).body("state", equalTo("SCHEDULED"))
                .body("scheduledFor", equalTo("2026-09-03T14:00:00Z"));
        Instant heldAt = clock.instant().minus(Duration.ofHours(1));
        as(receiving, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(Map.of("heldAt", heldAt.toString()))
                .when().post("/api/v1/handovers/" + id + "/held")
                .then().statusCode(200).body("state", equalTo("HELD"));

        // Then the sender sees it held, and every step is audited
        as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + id + "/handover")
                .then().statusCode(200).body("state", equalTo("HELD")).body("heldAt", notNullValue());
        assertThat(auditCount(pool, id, "HANDOVER_REQUESTED")).isEqualTo(1);
        assertThat(auditCount(pool, id, "HANDOVER_SCHEDULED")).isEqualTo(1);
        assertThat(auditCount(pool, id, "HANDOVER_HELD")).isEqualTo(1);
        assertThat(handoverEvents(id)).containsExactly("REQUESTED", "SCHEDULED", "HELD");
    }

    @Test
    void the_contact_person_never_leaves_the_sealed_dossier() {
        // Given a dossier naming its contact person, matched and scheduled
        Matched matched = matchedAskingForContact();
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(schedule(List.of("mentor")))
                .when().post(handoverOf(matched) + "/schedule").then().statusCode(200);

        // Then neither the audit log, the events, the handover row nor the answers hold the name, phone or e-mail
        String stored = String.join("\n", texts("SELECT row_to_json(a)::text AS t FROM audit_pending a WHERE dossier_id = $1 "
                + "UNION ALL SELECT row_to_json(e)::text FROM audit_entry e WHERE dossier_id = $1 "
                + "UNION ALL SELECT row_to_json(o)::text FROM outbox_event o WHERE aggregate_id = $1 "
                + "UNION ALL SELECT row_to_json(h)::text FROM handover h WHERE dossier_id = $1", matched.id()));
        String answered = as(matched.sending(), Roles.SENDING_SCHOOL).when()
                .get("/api/v1/dossiers/" + matched.id() + "/handover").then().statusCode(200).extract().asString();
        assertThat(stored).contains("HANDOVER_REQUESTED", "HANDOVER_SCHEDULED");
        for (String personal : List.of(CONTACT_NAME, "Fenna", CONTACT_PHONE, CONTACT_EMAIL)) {
            assertThat(stored).doesNotContain(personal);
            assertThat(answered).doesNotContain(personal);
        }
    }

    @Test
    void a_dossier_that_does_not_ask_has_no_handover_until_the_sending_school_asks() {
        // Given a plain OSO dossier
        String sending = TestSchools.dutch("HS");
        UUID id = Transfers.submitOso(sending, Pupils.bsn(), null);
        as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + id + "/handover")
                .then().statusCode(404).contentType("application/problem+json");

        // When the sending school asks, twice
        as(sending, Roles.SENDING_SCHOOL).when().post("/api/v1/dossiers/" + id + "/handover")
                .then().statusCode(201).header("Location", endsWith("/api/v1/dossiers/" + id + "/handover"))
                .body("state", equalTo("REQUESTED")).body("requestedBy", equalTo("sending-school"));
        as(sending, Roles.SENDING_SCHOOL).when().post("/api/v1/dossiers/" + id + "/handover")
                .then().statusCode(200).body("state", equalTo("REQUESTED"));

        // Then one request is recorded and audited
        assertThat(auditCount(pool, id, "HANDOVER_REQUESTED")).isEqualTo(1);
        as(sending, Roles.SENDING_SCHOOL).queryParam("state", "REQUESTED").when().get("/api/v1/school-handovers/sent")
                .then().statusCode(200).body("dossierId", contains(id.toString()));
        as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/school-handovers/counts")
                .then().statusCode(200).body("sending.REQUESTED", equalTo(1)).body("receiving", nullValue());
    }

    @Test
    void a_sending_school_cannot_ask_once_its_dossier_was_withdrawn() {
        String sending = TestSchools.dutch("HS");
        UUID id = Transfers.submitOso(sending, Pupils.bsn(), null);
        as(sending, Roles.SENDING_SCHOOL).when().delete("/api/v1/dossiers/" + id).then().statusCode(200);

        as(sending, Roles.SENDING_SCHOOL).when().post("/api/v1/dossiers/" + id + "/handover")
                .then().statusCode(409).contentType("application/problem+json");

        assertThat(query(pool, "SELECT 1 FROM handover WHERE dossier_id = $1", id)).isEmpty();
    }

    @Test
    void a_declined_or_held_handover_takes_no_further_step() {
        // Given a declined handover
        Matched matched = matchedAskingForContact();
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(Map.of("reason", "not-needed"))
                .when().post(handoverOf(matched) + "/decline")
                .then().statusCode(200).body("state", equalTo("DECLINED")).body("declinedReason", equalTo("not-needed"));

        // Then scheduling, holding or declining again is a 409 problem, and it stays declined
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(schedule(List.of("mentor")))
                .when().post(handoverOf(matched) + "/schedule")
                .then().statusCode(409).contentType("application/problem+json");
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("heldAt", clock.instant().minusSeconds(60).toString()))
                .when().post(handoverOf(matched) + "/held")
                .then().statusCode(409).contentType("application/problem+json");
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(Map.of("reason", "no-capacity"))
                .when().post(handoverOf(matched) + "/decline")
                .then().statusCode(409).contentType("application/problem+json");
        as(matched.sending(), Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + matched.id() + "/handover")
                .then().statusCode(200).body("state", equalTo("DECLINED")).body("declinedReason", equalTo("not-needed"));
        assertThat(auditCount(pool, matched.id(), "HANDOVER_DECLINED")).isEqualTo(1);
    }

    @Test
    void bad_input_is_a_problem_naming_the_field_and_changes_nothing() {
        Matched matched = matchedAskingForContact();

        // A name instead of a role, no participants, an unknown reason: 400
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(schedule(List.of("mentor", "Juf Anna")))
                .when().post(handoverOf(matched) + "/schedule")
                .then().statusCode(400).contentType("application/problem+json");
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(schedule(List.of()))
                .when().post(handoverOf(matched) + "/schedule")
                .then().statusCode(400).contentType("application/problem+json");
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(Map.of("reason", "because"))
                .when().post(handoverOf(matched) + "/decline")
                .then().statusCode(400).contentType("application/problem+json");
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).queryParam("state", "LOST").when().get("/api/v1/handovers")
                .then().statusCode(400).contentType("application/problem+json");
        // A conversation held in the future: 422 naming heldAt
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("heldAt", clock.instant().plus(Duration.ofDays(2)).toString()))
                .when().post(handoverOf(matched) + "/held")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].pointer", equalTo("/heldAt"));

        as(matched.sending(), Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + matched.id() + "/handover")
                .then().statusCode(200).body("state", equalTo("REQUESTED")).body("participants.size()", equalTo(0));
        assertThat(auditCount(pool, matched.id(), "HANDOVER_SCHEDULED")).isZero();
        assertThat(auditCount(pool, matched.id(), "HANDOVER_DECLINED")).isZero();
        assertThat(auditCount(pool, matched.id(), "HANDOVER_HELD")).isZero();
    }

    @Test
    void another_school_sees_a_404_and_a_role_that_does_not_fit_a_403() {
        Matched matched = matchedAskingForContact();
        String stranger = TestSchools.dutch("HX");

        as(stranger, Roles.RECEIVING_SCHOOL).when().get(handoverOf(matched))
                .then().statusCode(404).contentType("application/problem+json");
        as(stranger, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(schedule(List.of("mentor")))
                .when().post(handoverOf(matched) + "/schedule")
                .then().statusCode(404).contentType("application/problem+json");
        as(stranger, Roles.RECEIVING_SCHOOL).when().get("/api/v1/handovers")
                .then().statusCode(200).body("dossierId", not(hasItem(matched.id().toString())));
        as(stranger, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + matched.id() + "/handover")
                .then().statusCode(404).contentType("application/problem+json");

        as(matched.sending(), Roles.SENDING_SCHOOL).when().get(handoverOf(matched))
                .then().statusCode(403).contentType("application/problem+json");
        as(matched.sending(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON).body(schedule(List.of("mentor")))
                .when().post(handoverOf(matched) + "/schedule")
                .then().statusCode(403).contentType("application/problem+json");
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).when().post("/api/v1/dossiers/" + matched.id() + "/handover")
                .then().statusCode(403).contentType("application/problem+json");
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).when().get("/api/v1/school-handovers/sent")
                .then().statusCode(403).contentType("application/problem+json");
        operator("noord").when().get("/api/v1/handovers")
                .then().statusCode(403).contentType("application/problem+json");
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).when().get("/api/v1/operator/handovers")
                .then().statusCode(403).contentType("application/problem+json");
        as(matched.sending(), Roles.SENDING_SCHOOL).when().get("/api/v1/handovers")
                .then().statusCode(403).contentType("application/problem+json");
        as(matched.sending(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("heldAt", clock.instant().minusSeconds(60).toString()))
                .when().post(handoverOf(matched) + "/held")
                .then().statusCode(403).contentType("application/problem+json");
        as(matched.sending(), Roles.SENDING_SCHOOL).contentType(ContentType.JSON).body(Map.of("reason", "not-needed"))
                .when().post(handoverOf(matched) + "/decline")
                .then().statusCode(403).contentType("application/problem+json");
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).when().get("/api/v1/dossiers/" + matched.id() + "/handover")
                .then().statusCode(403).contentType("application/problem+json");
        operator("noord").when().get("/api/v1/school-handovers/counts")
                .then().statusCode(403).contentType("application/problem+json");
        assertThat(auditCount(pool, matched.id(), "HANDOVER_SCHEDULED")).isZero();
        assertThat(auditCount(pool, matched.id(), "HANDOVER_HELD")).isZero();
        assertThat(auditCount(pool, matched.id(), "HANDOVER_DECLINED")).isZero();
    }

    @Test
    void the_operator_counts_the_handovers_of_its_own_region_only() {
        // Given a receiving school in a region of its own, with one requested and one scheduled handover
        String region = "handover-" + UUID.randomUUID().toString().substring(0, 8);
        String receiving = TestSchools.dutch("HR");
        Transfers.register(region, receiving, List.of(EVERY_PROFILE));
        UUID requested = matchedAt(receiving);
        UUID scheduled = matchedAt(receiving);
        as(receiving, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(schedule(List.of("teacher", "parent")))
                .when().post("/api/v1/handovers/" + scheduled + "/schedule").then().statusCode(200);

        // Then its operator sees the counts per state, an operator of another region none
        operator(region).when().get("/api/v1/operator/handovers")
                .then().statusCode(200).body("region", equalTo(region))
                .body("counts.REQUESTED", equalTo(1)).body("counts.SCHEDULED", equalTo(1))
                .body("counts.HELD", equalTo(0)).body("counts.DECLINED", equalTo(0)).body("overdue", equalTo(0));
        operator("elsewhere-" + UUID.randomUUID().toString().substring(0, 8)).when().get("/api/v1/operator/handovers")
                .then().statusCode(200).body("counts.REQUESTED", equalTo(0)).body("counts.SCHEDULED", equalTo(0));
        as(receiving, Roles.RECEIVING_SCHOOL).when().get("/api/v1/school-handovers/counts")
                .then().statusCode(200).body("receiving.REQUESTED", equalTo(1)).body("receiving.SCHEDULED", equalTo(1))
                .body("sending", nullValue());
        assertThat(requested).isNotEqualTo(scheduled);
    }

    private static UUID matchedAt(String receiving) {
        String sending = TestSchools.dutch("HS");
        String bsn = Pupils.bsn();
        UUID id = Transfers.submit(sending, osoAskingForContact(bsn, sending), null);
        assertThat(enrol(receiving, "BSN", bsn, null).get("matched")).isEqualTo(true);
        return id;
    }

    @Test
    void a_vl_baso_dossier_asks_with_its_profile_field_and_a_revision_can_withdraw_the_request() {
        // Given a vl-baso dossier with handover.contactRequested true, matched
        String sending = TestSchools.flemish();
        String receiving = TestSchools.flemish();
        String rijksregisternummer = Pupils.rijksregisternummer();
        Dossier asking = basoAskingForContact(rijksregisternummer, sending, "true");
        UUID id = Transfers.submit(sending, asking, receiving);
        enrol(receiving, "RIJKSREGISTERNUMMER", rijksregisternummer, null);

        // Then the receiving school sees it requested by the dossier
        as(receiving, Roles.RECEIVING_SCHOOL).when().get("/api/v1/handovers/" + id)
                .then().statusCode(200).body("state", equalTo("REQUESTED")).body("requestedBy", equalTo("dossier"));

        // When a revision no longer asks
        as(sending, Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(basoAskingForContact(rijksregisternummer, sending, "false").bytes())
                .when().put("/api/v1/dossiers/" + id).then().statusCode(200);

        // Then the request is gone, and that is audited
        as(receiving, Roles.RECEIVING_SCHOOL).when().get("/api/v1/handovers/" + id).then().statusCode(404);
        assertThat(auditCount(pool, id, "HANDOVER_CANCELLED")).isEqualTo(1);
    }

    @Test
    void a_vl_baso_flag_that_is_not_a_boolean_is_refused_naming_it() {
        String sending = TestSchools.flemish();
        Dossier wrong = basoAskingForContact(Pupils.rijksregisternummer(), sending, "\"ja\"");

        as(sending, Roles.SENDING_SCHOOL).contentType(ContentType.JSON).queryParam("receivingSchool", TestSchools.flemish())
                .body(wrong.bytes()).when().post("/api/v1/dossiers")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/dossier/handover/contactRequested"));
        assertThat(Transfers.dossierCount(pool, sending)).isZero();
    }

    private static Dossier basoAskingForContact(String rijksregisternummer, String school, String flag) {
        return Dossiers.baso("2", rijksregisternummer, school).withoutMember("receivingSchool")
                .replace("\"boardingSchool\": {\"notes\": \"Niet van toepassing.\"},",
                        "\"boardingSchool\": {\"notes\": \"Niet van toepassing.\"},\n\"handover\": {\"contactRequested\": "
                                + flag + "},");
    }

    @Test
    void a_requested_handover_not_scheduled_in_time_is_reminded_once_with_an_event_and_a_webhook() {
        // Given a matched handover whose receiving school has a webhook endpoint
        String sending = TestSchools.dutch("HS");
        String receiving = TestSchools.dutch("HR");
        as(receiving, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("url", WebhookReceiver.get().url("/ok/" + receiving)))
                .when().put("/api/v1/webhook").then().statusCode(201);
        String bsn = Pupils.bsn();
        UUID id = Transfers.submit(sending, osoAskingForContact(bsn, sending), null);
        enrol(receiving, "BSN", bsn, null);
        reminders.runDue().await().atMost(Transfers.WAIT);
        assertThat(auditCount(pool, id, "HANDOVER_REMINDED")).as("not yet due").isZero();

        // When the reminder time passes and the round runs twice
        TestClock.advance(config.reminderAfter().plusMinutes(1));
        reminders.runDue().await().atMost(Transfers.WAIT);
        reminders.runDue().await().atMost(Transfers.WAIT);

        // Then it was reminded exactly once: audited, an event, a webhook queued for the receiving school
        assertThat(auditCount(pool, id, "HANDOVER_REMINDED")).isEqualTo(1);
        assertThat(one(pool, "SELECT count(*) AS n FROM outbox_event WHERE aggregate_id = $1 AND event_type = 'HandoverChanged' "
                + "AND payload->>'step' = 'REMINDED'", id).getLong("n")).isEqualTo(1);
        assertThat(one(pool, "SELECT count(*) AS n FROM webhook_delivery WHERE dossier_id = $1 AND school = $2 "
                + "AND event_type = 'handover.reminder'", id, receiving).getLong("n")).isEqualTo(1);
        as(receiving, Roles.RECEIVING_SCHOOL).when().get("/api/v1/handovers/" + id)
                .then().statusCode(200).body("state", equalTo("REQUESTED")).body("remindedAt", notNullValue());
    }

    @Test
    void the_handover_goes_with_the_dossiers_purge() {
        // Given a scheduled handover whose dossier the sending school withdraws
        Matched matched = matchedAskingForContact();
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON).body(schedule(List.of("mentor")))
                .when().post(handoverOf(matched) + "/schedule").then().statusCode(200);
        as(matched.sending(), Roles.SENDING_SCHOOL).when().delete("/api/v1/dossiers/" + matched.id())
                .then().statusCode(200);

        // When its retention after withdrawal is over and the timer purges it
        TestClock.advance(OSO_RETENTION_AFTER_WITHDRAWAL.plusMinutes(1));
        Transfers.awaitState(matched.sending(), matched.id(), "PURGED",
                () -> timer.runDue().await().atMost(Transfers.WAIT));

        // Then the handover row is gone, and neither school reads it any more
        assertThat(query(pool, "SELECT 1 FROM handover WHERE dossier_id = $1", matched.id())).isEmpty();
        as(matched.sending(), Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + matched.id() + "/handover")
                .then().statusCode(404);
        as(matched.receiving(), Roles.RECEIVING_SCHOOL).when().get(handoverOf(matched)).then().statusCode(404);
    }

    private List<String> handoverEvents(UUID id) {
        return query(pool, "SELECT payload->>'step' AS step FROM outbox_event WHERE aggregate_id = $1 "
                + "AND event_type = 'HandoverChanged' ORDER BY position", id).stream()
                .map(row -> row.getString("step")).toList();
    }

    private List<String> texts(String sql, Object... args) {
        return query(pool, sql, args).stream().map(row -> row.getString("t")).toList();
    }
}
