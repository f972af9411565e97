package nl.overdracht.lifecycle;

import static nl.overdracht.testing.Transfers.as;
import static nl.overdracht.testing.Transfers.awaitState;
import static nl.overdracht.testing.Transfers.enrol;
import static nl.overdracht.testing.Transfers.one;
import static nl.overdracht.testing.Transfers.query;
import static nl.overdracht.testing.Transfers.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.crypto.KeyRewrapJob;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossier;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A purge leaves no pupil id behind: not in the dossier, not in its enrolment, not in any other
 * table; and an enrolment that never matched is purged on a retention of its own.
 */
@QuarkusTest
class LifecyclePurgeTest {

    /** The vl-baso profile's retention after withdrawal (schema/.../vl-baso/2.json). */
    private static final Duration BASO_RETENTION_AFTER_WITHDRAWAL = Duration.ofDays(7);
    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    @Inject
    LifecycleTimer timer;

    @Inject
    KeyRewrapJob rewrap;

    @Inject
    Pool pool;

    @Test
    void a_purged_dossier_leaves_neither_its_pupil_id_nor_its_blind_index_in_any_table() {
        // Given a dossier matched with its enrolment, and what was stored of the pupil's id
        String sending = TestSchools.dutch("PS");
        String receiving = TestSchools.dutch("PR");
        String rrn = Pupils.rijksregisternummer();
        UUID dossier = submitBaso(sending, rrn, receiving);
        UUID enrolment = UUID.fromString((String) enrol(receiving, "RIJKSREGISTERNUMMER", rrn, sending).get("id"));
        assertThat(state(sending, dossier)).isEqualTo("OBJECTION_WINDOW");
        Row storedDossier = one(pool, "SELECT pupil_index, pupil_id_ciphertext, pupil_id_wrapped_key FROM dossier "
                + "WHERE id = $1", dossier);
        Row storedEnrolment = one(pool, "SELECT pupil_index, pupil_id_ciphertext, pupil_id_wrapped_key FROM enrolment "
                + "WHERE id = $1", enrolment);
        Map<String, byte[]> pupil = new LinkedHashMap<>();
        pupil.put("blind index", bytes(storedDossier, "pupil_index"));
        pupil.put("dossier pupil id ciphertext", bytes(storedDossier, "pupil_id_ciphertext"));
        pupil.put("dossier pupil id wrapped key", bytes(storedDossier, "pupil_id_wrapped_key"));
        pupil.put("enrolment pupil id ciphertext", bytes(storedEnrolment, "pupil_id_ciphertext"));
        pupil.put("enrolment pupil id wrapped key", bytes(storedEnrolment, "pupil_id_wrapped_key"));
        pupil.put("rijksregisternummer", rrn.getBytes(StandardCharsets.UTF_8));
        assertThat(bytes(storedEnrolment, "pupil_index")).isEqualTo(pupil.get("blind index"));
        assertThat(occurrences(pupil)).as("the scan sees what is stored")
                .contains("dossier.pupil_index: blind index", "enrolment.pupil_index: blind index",
                        "dossier.pupil_id_ciphertext: dossier pupil id ciphertext",
                        "enrolment.pupil_id_ciphertext: enrolment pupil id ciphertext")
                .noneMatch(where -> where.endsWith(": rijksregisternummer"));

        // When the sending school withdraws it and its retention ends
        as(sending, Roles.SENDING_SCHOOL).when().delete("/api/v1/dossiers/" + dossier)
                .then().statusCode(200).body("state", equalTo("WITHDRAWN"));
        TestClock.advance(BASO_RETENTION_AFTER_WITHDRAWAL.plus(A_MINUTE));
        awaitState(sending, dossier, "PURGED", this::timerRound);

        // Then no table holds any of it any more, and both purges are audited
        assertThat(occurrences(pupil)).isEmpty();
        Row purgedEnrolment = one(pool, "SELECT pupil_index, pupil_id_key_version, purged_at, matched_dossier_id "
                + "FROM enrolment WHERE id = $1", enrolment);
        assertThat(purgedEnrolment.getValue("pupil_index")).isNull();
        assertThat(purgedEnrolment.getValue("pupil_id_key_version")).isNull();
        assertThat(purgedEnrolment.getOffsetDateTime("purged_at")).isNotNull();
        assertThat(purgedEnrolment.getUUID("matched_dossier_id")).isEqualTo(dossier);
        assertThat(enrolmentPurgeAudits(enrolment)).containsExactly(dossier.toString());
        assertThat(Transfers.auditCount(pool, dossier, "DOSSIER_PURGED")).isEqualTo(1);
    }

    @Test
    void an_unmatched_enrolment_is_purged_once_older_than_its_retention_and_a_younger_one_is_kept() {
        // Given an unmatched enrolment nearly as old as the retention, and one recorded just now
        Duration retention = unmatchedEnrolmentRetention();
        String receiving = TestSchools.dutch("PR");
        UUID old = UUID.fromString((String) enrol(receiving, "BSN", Pupils.bsn(), null).get("id"));
        TestClock.advance(retention.minus(Duration.ofHours(1)));
        UUID young = UUID.fromString((String) enrol(receiving, "BSN", Pupils.bsn(), null).get("id"));

        // When the older one passes the retention and the timer runs
        TestClock.advance(Duration.ofHours(2));
        awaitEnrolmentPurged(old);

        // Then its pupil id and blind index are gone and the purge is audited; the younger one is untouched
        Row purged = one(pool, "SELECT pupil_index, pupil_id_ciphertext, pupil_id_wrapped_key, pupil_id_key_version, "
                + "matched_dossier_id FROM enrolment WHERE id = $1", old);
        for (String column : List.of("pupil_index", "pupil_id_ciphertext", "pupil_id_wrapped_key",
                "pupil_id_key_version", "matched_dossier_id")) {
            assertThat(purged.getValue(column)).as(column).isNull();
        }
        assertThat(enrolmentPurgeAudits(old)).containsExactly("none");
        Row kept = one(pool, "SELECT pupil_index, pupil_id_ciphertext, purged_at FROM enrolment WHERE id = $1", young);
        assertThat(kept.getBuffer("pupil_index").length()).isEqualTo(32);
        assertThat(kept.getValue("pupil_id_ciphertext")).isNotNull();
        assertThat(kept.getValue("purged_at")).isNull();
        assertThat(enrolmentPurgeAudits(young)).isEmpty();
        as(receiving, Roles.RECEIVING_SCHOOL).queryParam("unmatched", true).when().get("/api/v1/enrolments")
                .then().statusCode(200)
                .body("find { it.id == '" + old + "' }.purgedAt", notNullValue())
                .body("find { it.id == '" + young + "' }.purgedAt", nullValue());
    }

    @Test
    void a_purged_unmatched_enrolment_never_matches_a_dossier_of_the_same_pupil_that_comes_later() {
        // Given an unmatched enrolment purged after its retention
        String sending = TestSchools.dutch("PS");
        String receiving = TestSchools.dutch("PR");
        String rrn = Pupils.rijksregisternummer();
        UUID purged = UUID.fromString((String) enrol(receiving, "RIJKSREGISTERNUMMER", rrn, sending).get("id"));
        TestClock.advance(unmatchedEnrolmentRetention().plus(A_MINUTE));
        awaitEnrolmentPurged(purged);

        // When the sending school submits the pupil's dossier, naming that receiving school
        UUID dossier = submitBaso(sending, rrn, receiving);

        // Then the dossier waits for an enrolment, and only a new enrolment of that school matches it
        assertThat(state(sending, dossier)).isEqualTo("AWAITING_ENROLMENT");
        assertThat(one(pool, "SELECT matched_dossier_id FROM enrolment WHERE id = $1", purged)
                .getValue("matched_dossier_id")).isNull();
        assertThat(enrol(receiving, "RIJKSREGISTERNUMMER", rrn, sending))
                .containsEntry("matched", true).containsEntry("dossierId", dossier.toString());
        assertThat(state(sending, dossier)).isEqualTo("OBJECTION_WINDOW");
    }

    @Test
    void an_enrolment_that_only_conflicted_with_a_purged_dossier_keeps_waiting_and_matches_the_corrected_one() {
        // Given a dossier naming one receiving school, and another school's enrolment of the pupil (a conflict)
        String sending = TestSchools.dutch("PS");
        String named = TestSchools.dutch("PR");
        String enrolling = TestSchools.dutch("PR");
        String rrn = Pupils.rijksregisternummer();
        UUID wrong = submitBaso(sending, rrn, named);
        Map<String, Object> conflicting = enrol(enrolling, "RIJKSREGISTERNUMMER", rrn, sending);
        assertThat(conflicting).containsEntry("matched", false).containsEntry("conflict", true);
        UUID enrolment = UUID.fromString((String) conflicting.get("id"));

        // When the sending school withdraws that dossier and it is purged
        as(sending, Roles.SENDING_SCHOOL).when().delete("/api/v1/dossiers/" + wrong).then().statusCode(200);
        TestClock.advance(BASO_RETENTION_AFTER_WITHDRAWAL.plus(A_MINUTE));
        awaitState(sending, wrong, "PURGED", this::timerRound);

        // Then the enrolment is not purged with it, and the corrected dossier matches it
        Row kept = one(pool, "SELECT pupil_index, purged_at FROM enrolment WHERE id = $1", enrolment);
        assertThat(kept.getBuffer("pupil_index").length()).isEqualTo(32);
        assertThat(kept.getValue("purged_at")).isNull();
        assertThat(enrolmentPurgeAudits(enrolment)).isEmpty();
        UUID corrected = submitBaso(sending, rrn, enrolling);
        assertThat(state(sending, corrected)).isEqualTo("OBJECTION_WINDOW");
        assertThat(one(pool, "SELECT matched_dossier_id FROM enrolment WHERE id = $1", enrolment)
                .getUUID("matched_dossier_id")).isEqualTo(corrected);
    }

    @Test
    void the_key_rewrap_passes_over_purged_rows() {
        // Given a purged unmatched enrolment
        UUID purged = UUID.fromString((String) enrol(TestSchools.dutch("PR"), "BSN", Pupils.bsn(), null).get("id"));
        TestClock.advance(unmatchedEnrolmentRetention().plus(A_MINUTE));
        awaitEnrolmentPurged(purged);

        // When the re-wrap job runs
        rewrap.rewrapAll().await().atMost(Transfers.WAIT);

        // Then the purged row is still without a key
        Row row = one(pool, "SELECT pupil_id_wrapped_key, pupil_id_key_version FROM enrolment WHERE id = $1", purged);
        assertThat(row.getValue("pupil_id_wrapped_key")).isNull();
        assertThat(row.getValue("pupil_id_key_version")).isNull();
    }

    /**
     * Submits the sample vl-baso dossier of {@code rrn} from {@code sending}, naming {@code receiving},
     * with an Idempotency-Key, so that the idempotency table holds a row of it too.
     */
    private static UUID submitBaso(String sending, String rrn, String receiving) {
        Dossier body = Dossiers.baso("2", rrn, sending).withoutMember("receivingSchool");
        return UUID.fromString(as(sending, Roles.SENDING_SCHOOL).contentType(body.mediaType())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .queryParam("receivingSchool", receiving).body(body.bytes())
                .when().post("/api/v1/dossiers")
                .then().statusCode(201).extract().path("id"));
    }

    private static Duration unmatchedEnrolmentRetention() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(LifecycleConfig.class)
                .unmatchedEnrolmentRetention();
    }

    private void timerRound() {
        timer.runDue().await().atMost(Transfers.WAIT);
    }

    private void awaitEnrolmentPurged(UUID enrolment) {
        await().atMost(Transfers.WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            timerRound();
            assertThat(one(pool, "SELECT purged_at FROM enrolment WHERE id = $1", enrolment).getValue("purged_at"))
                    .isNotNull();
        });
    }

    /** The dossier id (or {@code none}) of each audit entry, chained or pending, that records the enrolment's purge. */
    private List<String> enrolmentPurgeAudits(UUID enrolment) {
        List<String> dossiers = new ArrayList<>();
        for (Row row : query(pool, "SELECT COALESCE(dossier_id::text, 'none') AS dossier FROM ("
                + "SELECT dossier_id, action, outcome FROM audit_pending UNION ALL "
                + "SELECT dossier_id, action, outcome FROM audit_entry) a "
                + "WHERE action = 'ENROLMENT_PURGED' AND outcome = $1", "purged:" + enrolment)) {
            dossiers.add(row.getString("dossier"));
        }
        return dossiers;
    }

    /**
     * Where any of {@code needles} occurs in the public schema, as {@code table.column: needle}: every
     * column of every table, bytea columns searched for the raw bytes, all others (cast to text) for
     * the bytes as hex or base64 and, for a text needle, for the text itself.
     */
    private List<String> occurrences(Map<String, byte[]> needles) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (Row row : query(pool, "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
                + "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                + "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' "
                + "ORDER BY c.table_name, c.ordinal_position")) {
            String column = '"' + row.getString("column_name") + '"';
            columns.computeIfAbsent(row.getString("table_name"), table -> new ArrayList<>())
                    .add(row.getString("data_type").equals("bytea") ? column : column + "::text");
        }
        assertThat(columns).containsKeys("dossier", "dossier_revision", "enrolment", "inspection", "objection",
                "delivery_package", "school_notification", "idempotency_key", "outbox_event", "processed_event",
                "audit_pending", "audit_entry", "audit_checkpoint");
        List<String> found = new ArrayList<>();
        columns.forEach((table, selected) -> {
            List<String> names = selected.stream().map(c -> c.replace("::text", "").replace("\"", "")).toList();
            for (Row row : query(pool, "SELECT " + String.join(", ", selected) + " FROM \"" + table + '"')) {
                for (int i = 0; i < row.size(); i++) {
                    Object value = row.getValue(i);
                    for (Map.Entry<String, byte[]> needle : needles.entrySet()) {
                        String where = table + "." + names.get(i) + ": " + needle.getKey();
                        if (value != null && contains(value, needle.getValue()) && !found.contains(where)) {
                            found.add(where);
                        }
                    }
                }
            }
        });
        return found;
    }

    private static boolean contains(Object value, byte[] needle) {
        if (value instanceof io.vertx.core.buffer.Buffer buffer) {
            return indexOf(buffer.getBytes(), needle) >= 0;
        }
        if (value instanceof Buffer buffer) {
            return indexOf(buffer.getBytes(), needle) >= 0;
        }
        String text = value.toString();
        HexFormat hex = HexFormat.of();
        String asText = new String(needle, StandardCharsets.UTF_8);
        return text.contains(hex.formatHex(needle)) || text.contains(hex.withUpperCase().formatHex(needle))
                || text.contains(Base64.getEncoder().encodeToString(needle))
                || text.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(needle))
                || (asText.indexOf('\uFFFD') < 0 && text.contains(asText));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(Row row, String column) {
        Buffer value = row.getBuffer(column);
        assertThat(value).as(column).isNotNull();
        return value.getBytes();
    }
}
