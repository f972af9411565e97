package nl.overdracht.lifecycle;

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

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.profile.PupilId;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.DossierEventsTopic;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers.Matched;
import nl.overdracht.testing.Transfers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A dossier's whole life through the API, the timer and the outbox, with time moved by the test clock. */
@QuarkusTest
class LifecycleFlowTest {

    /** The OSO profile's window, expiry and retentions (schema/.../oso-gegevensset/2019.1.json). */
    private static final Duration OSO_WINDOW = Duration.ofDays(14);
    private static final Duration OSO_EXPIRY = Duration.ofDays(180);
    private static final Duration OSO_RETENTION = Duration.ofDays(7);
    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    @Inject
    LifecycleTimer timer;

    @Inject
    Pool pool;

    private void timerRound() {
        timer.runDue().await().atMost(Transfers.WAIT);
    }

    @Test
    void a_matched_dossier_is_released_when_its_window_elapses_and_its_events_carry_no_personal_data() {
        String sending = TestSchools.dutch("LS");
        String receiving = TestSchools.dutch("LR");
        String bsn = Pupils.bsn();
        UUID id = submitOso(sending, bsn, null);
        assertThat(state(sending, id)).isEqualTo("AWAITING_ENROLMENT");

        Map<String, Object> enrolment = enrol(receiving, "BSN", bsn, null);

        assertThat(enrolment).containsEntry("matched", true).containsEntry("dossierId", id.toString());
        var status = as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(status.getString("state")).isEqualTo("OBJECTION_WINDOW");
        assertThat(status.getString("receivingSchool")).isEqualTo(receiving);
        Instant windowEnds = Instant.parse(status.getString("windowEndsAt"));
        Instant matched = Instant.parse((String) enrolment.get("matchedAt"));
        assertThat(Duration.between(matched, windowEnds)).isEqualTo(OSO_WINDOW);

        timerRound();
        assertThat(state(sending, id)).as("released before the window elapsed").isEqualTo("OBJECTION_WINDOW");

        TestClock.advance(OSO_WINDOW.plus(A_MINUTE));
        awaitState(sending, id, "RELEASED", this::timerRound);

        assertThat(as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + id)
                .then().extract().<String>path("releasedAt")).isNotNull();
        assertThat(eventCount(pool, id, "RELEASE")).isEqualTo(1);
        assertThat(auditCount(pool, id, "DOSSIER_RELEASED")).isEqualTo(1);

        List<ConsumerRecord<String, String>> events = DossierEventsTopic.readUntil(id.toString(),
                seen -> seen.size() >= 3);
        assertThat(events).extracting(record -> new JsonObject(record.value()).getJsonObject("payload").getString("state"))
                .containsExactly("AWAITING_ENROLMENT", "OBJECTION_WINDOW", "RELEASED");
        for (ConsumerRecord<String, String> event : events) {
            assertThat(event.value())
                    .contains(id.toString())
                    .doesNotContain(bsn, "Sanne", "Voorbeeld", "2013-05-04", "Fictieve", "Linde");
        }
    }

    @Test
    void a_dossier_not_enrolled_before_its_expiry_expires_and_then_is_purged() {
        String sending = TestSchools.dutch("LS");
        String bsn = Pupils.bsn();
        UUID id = submitOso(sending, bsn, null);

        TestClock.advance(OSO_EXPIRY.plus(A_MINUTE));
        awaitState(sending, id, "EXPIRED", this::timerRound);

        assertThat(ciphertextColumns(id)).as("kept until the retention ends").doesNotContainNull();
        assertThat(auditCount(pool, id, "DOSSIER_EXPIRED")).isEqualTo(1);

        TestClock.advance(OSO_RETENTION.plus(A_MINUTE));
        awaitState(sending, id, "PURGED", this::timerRound);

        assertPurged(id);
    }

    @Test
    void a_withdrawn_dossier_waits_for_its_retention_and_then_is_purged() {
        Matched matched = Transfers.matchedOso(TestSchools.dutch("LS"), TestSchools.dutch("LR"));
        String sending = matched.sending();
        UUID id = matched.id();

        as(sending, Roles.SENDING_SCHOOL).when().delete("/api/v1/dossiers/" + id)
                .then().statusCode(200).body("state", equalTo("WITHDRAWN"));
        assertThat(auditCount(pool, id, "DOSSIER_WITHDRAWN")).isEqualTo(1);

        TestClock.advance(OSO_RETENTION.minus(Duration.ofHours(1)));
        timerRound();
        assertThat(state(sending, id)).isEqualTo("WITHDRAWN");
        assertThat(ciphertextColumns(id)).doesNotContainNull();

        TestClock.advance(Duration.ofHours(2));
        awaitState(sending, id, "PURGED", this::timerRound);

        assertPurged(id);
    }

    @Test
    void withdrawing_a_withdrawn_dossier_is_an_illegal_transition_409_and_changes_nothing() {
        String sending = TestSchools.dutch("LS");
        UUID id = submitOso(sending, Pupils.bsn(), null);
        as(sending, Roles.SENDING_SCHOOL).when().delete("/api/v1/dossiers/" + id).then().statusCode(200);

        as(sending, Roles.SENDING_SCHOOL).when().delete("/api/v1/dossiers/" + id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/illegal-transition"))
                .body("status", equalTo(409));

        assertThat(state(sending, id)).isEqualTo("WITHDRAWN");
        assertThat(eventCount(pool, id, "WITHDRAW")).isEqualTo(1);
    }

    @Test
    void another_schools_dossier_is_404_to_read_and_to_withdraw() {
        String sending = TestSchools.dutch("LS");
        String other = TestSchools.dutch("LO");
        UUID id = submitOso(sending, Pupils.bsn(), null);

        as(other, Roles.SENDING_SCHOOL).when().get("/api/v1/dossiers/" + id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/not-found"));
        as(other, Roles.SENDING_SCHOOL).when().delete("/api/v1/dossiers/" + id).then().statusCode(404);

        assertThat(state(sending, id)).isEqualTo("AWAITING_ENROLMENT");
    }

    /** The revision's ciphertext, wrapped key and key version, and the pupil id's ciphertext and wrapped key. */
    private List<Object> ciphertextColumns(UUID id) {
        Row revision = one(pool, "SELECT ciphertext, wrapped_key, key_version FROM dossier_revision WHERE dossier_id = $1",
                id);
        Row dossier = one(pool, "SELECT pupil_id_ciphertext, pupil_id_wrapped_key FROM dossier WHERE id = $1", id);
        return java.util.Arrays.asList(revision.getValue("ciphertext"), revision.getValue("wrapped_key"),
                revision.getValue("key_version"), dossier.getValue("pupil_id_ciphertext"),
                dossier.getValue("pupil_id_wrapped_key"));
    }

    private void assertPurged(UUID id) {
        assertThat(ciphertextColumns(id)).containsOnlyNulls();
        Row row = one(pool, "SELECT id, state, pupil_index, content_sha256, created_at, purged_at FROM dossier WHERE id = $1",
                id);
        assertThat(row.getString("state")).isEqualTo("PURGED");
        assertThat(row.getValue("pupil_index")).as("the blind index goes with the pupil id").isNull();
        assertThat(row.getBuffer("content_sha256").length()).isEqualTo(32);
        assertThat(row.getOffsetDateTime("purged_at")).isNotNull();
        assertThat(query(pool, "SELECT content_sha256 FROM dossier_revision WHERE dossier_id = $1", id))
                .allSatisfy(revision -> assertThat(revision.getBuffer("content_sha256").length()).isEqualTo(32));
        assertThat(auditCount(pool, id, "DOSSIER_PURGED")).isEqualTo(1);
        assertThat(eventCount(pool, id, "PURGE")).isEqualTo(1);
    }

    @SuppressWarnings("unused")
    private static PupilId.Kind bsnKind() {
        return PupilId.Kind.BSN;
    }
}
