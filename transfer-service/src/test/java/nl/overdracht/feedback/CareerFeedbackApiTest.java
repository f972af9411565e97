package nl.overdracht.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.delivery.DeliveryFixtures;
import nl.overdracht.delivery.DeliveryFixtures.Submitted;
import nl.overdracht.lifecycle.LifecycleTimer;
import nl.overdracht.outbox.OutboxRelay;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossier;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * School-career feedback through the API on real deliveries: the receiving school reports outcomes once
 * they are due, the sending school and its region's operator read them with every small count hidden,
 * and the outcome table holds nothing that leads back to a pupil.
 */
@QuarkusTest
class CareerFeedbackApiTest {

    private static final String REGION = "feedback-tests";
    private static final Duration WAIT = Transfers.WAIT;

    @Inject
    DeliveryFixtures fixtures;

    @Inject
    LifecycleTimer timer;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    /** {@code n} OSO dossiers (advice 40: vmbo-gt) from one sending school, delivered and acknowledged by one receiving school. */
    private List<UUID> acknowledged(String sending, String receiving, int n) {
        DeliveryFixtures.register(REGION, sending, false);
        fixtures.receivingSchool(REGION, receiving, false);
        List<Submitted> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String bsn = Pupils.bsn();
            Dossier body = Dossiers.oso("POVO", bsn, sending);
            Submitted dossier = DeliveryFixtures.submitOso(sending, body, "2019.1", receiving, bsn);
            DeliveryFixtures.enrol(dossier);
            sent.add(dossier);
        }
        TestClock.advance(Duration.ofDays(15));
        timer.runDue().await().atMost(WAIT);
        relay.publishPending().await().atMost(WAIT);
        List<UUID> ids = new ArrayList<>();
        for (Submitted dossier : sent) {
            fixtures.awaitState(dossier.id(), "DELIVERABLE");
            Transfers.as(receiving, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                    .body(Map.of("contentSha256", DeliveryFixtures.sha256Hex(dossier.body())))
                    .when().post("/api/v1/deliveries/" + dossier.id() + "/acknowledgement")
                    .then().statusCode(200);
            ids.add(dossier.id());
        }
        return ids;
    }

    /** The time after acknowledgement passes (overdracht.feedback.due-after, 300 days by default) for these deliveries. */
    private void makeDue(List<UUID> deliveries) {
        pool.preparedQuery("UPDATE career_feedback_expected SET acknowledged_at = acknowledged_at - interval '301 days' "
                        + "WHERE dossier_id = ANY($1)")
                .execute(Tuple.of(deliveries.toArray(UUID[]::new))).await().atMost(WAIT);
    }

    private static io.restassured.response.ValidatableResponse report(String receiving, UUID delivery, String code) {
        return Transfers.as(receiving, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("deliveryId", delivery.toString(), "code", code))
                .when().post("/api/v1/career-feedback/outcomes").then();
    }

    private static List<UUID> due(String receiving) {
        return Transfers.as(receiving, Roles.RECEIVING_SCHOOL).when().get("/api/v1/career-feedback/due")
                .then().statusCode(200).extract().jsonPath().getList("deliveryId").stream()
                .map(id -> UUID.fromString((String) id)).toList();
    }

    @Test
    void twelve_outcomes_of_one_sending_school_show_only_the_counts_of_five_or_more() {
        String sending = TestSchools.dutch();
        String receiving = TestSchools.dutch();
        List<UUID> deliveries = acknowledged(sending, receiving, 12);

        assertThat(due(receiving)).isEmpty();
        report(receiving, deliveries.get(0), "advised-track").statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("https://overdracht.nl/problems/conflict"));

        makeDue(deliveries);
        assertThat(due(receiving)).containsExactlyInAnyOrderElementsOf(deliveries);
        List<String> codes = new ArrayList<>(Collections.nCopies(6, "advised-track"));
        codes.addAll(Collections.nCopies(3, "higher-track"));
        codes.addAll(Collections.nCopies(2, "lower-track"));
        codes.add("changed-school");
        for (int i = 0; i < 12; i++) {
            report(receiving, deliveries.get(i), codes.get(i)).statusCode(204);
        }
        assertThat(due(receiving)).isEmpty();

        JsonPath table = Transfers.as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/career-feedback/outcomes")
                .then().statusCode(200).extract().jsonPath();
        assertThat(table.getInt("k")).isEqualTo(5);
        assertThat(table.getList("codes")).containsExactly("advised-track", "higher-track", "lower-track",
                "changed-school", "left");
        assertThat(table.getList("rows")).hasSize(1);
        assertThat(table.getString("rows[0].adviceLevel")).isEqualTo("vmbo-gt");
        assertThat(table.getString("rows[0].schoolYear")).matches("\\d{4}-\\d{4}");
        assertThat(table.getInt("rows[0].pupils")).isEqualTo(12);
        assertThat(table.getList("rows[0].cells.pupils")).containsExactly(6, null, null, null, null);
        assertThat(table.getList("rows[0].cells.suppressed")).containsExactly(false, true, true, true, true);

        JsonPath region = Transfers.operator(REGION).when().get("/api/v1/operator/career-outcomes")
                .then().statusCode(200).extract().jsonPath();
        assertThat(region.getString("scope")).isEqualTo(REGION);
        assertThat(region.getList("rows.cells.pupils").toString()).doesNotContain("3", "2", "1");
        assertThat(Transfers.operator("another-region").when().get("/api/v1/operator/career-outcomes")
                .then().statusCode(200).extract().jsonPath().getList("rows")).isEmpty();
    }

    @Test
    void an_outcome_is_reported_once_with_a_listed_code_and_audited_without_it() {
        String sending = TestSchools.dutch();
        String receiving = TestSchools.dutch();
        UUID delivery = acknowledged(sending, receiving, 1).get(0);
        makeDue(List.of(delivery));

        report(receiving, delivery, "top-of-the-class").statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/code"));
        report(TestSchools.dutch(), delivery, "left").statusCode(404);
        assertThat(storedPupils(sending)).isZero();

        report(receiving, delivery, "left").statusCode(204);
        report(receiving, delivery, "advised-track").statusCode(409).contentType("application/problem+json");
        assertThat(storedPupils(sending)).isEqualTo(1);

        Row marked = pool.preparedQuery("SELECT advice_level, reported_at FROM career_feedback_expected WHERE dossier_id = $1")
                .execute(Tuple.of(delivery)).await().atMost(WAIT).iterator().next();
        assertThat(marked.getString("advice_level")).isNull();
        assertThat(marked.getValue("reported_at")).isNotNull();

        Awaitility.await().atMost(WAIT).until(() -> pool.preparedQuery("SELECT outcome FROM audit_entry "
                + "WHERE dossier_id = $1 AND action = 'CAREER_OUTCOME_REPORTED'").execute(Tuple.of(delivery))
                .await().atMost(WAIT).size() == 1);
        List<String> said = new ArrayList<>();
        pool.preparedQuery("SELECT outcome FROM audit_entry WHERE dossier_id = $1 UNION ALL "
                        + "SELECT payload::text FROM outbox_event WHERE aggregate_id = $1")
                .execute(Tuple.of(delivery)).await().atMost(WAIT).forEach(row -> said.add(row.getString(0)));
        assertThat(said).isNotEmpty().noneMatch(text -> text.contains("left"));
    }

    @Test
    void the_outcome_table_has_no_column_that_leads_to_a_pupil_a_dossier_a_delivery_or_a_time() {
        List<String> columns = new ArrayList<>();
        pool.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' "
                        + "AND table_name = 'career_outcome' ORDER BY ordinal_position").execute().await().atMost(WAIT)
                .forEach(row -> columns.add(row.getString("column_name") + " " + row.getString("data_type")));

        assertThat(columns).containsExactly("sending_school text", "receiving_school text", "school_year text",
                "advice_level text", "code text", "pupils integer");
    }

    @Test
    void each_role_reaches_only_its_own_side() {
        String school = TestSchools.dutch();
        Transfers.as(school, Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("deliveryId", UUID.randomUUID().toString(), "code", "left"))
                .when().post("/api/v1/career-feedback/outcomes").then().statusCode(403);
        Transfers.as(school, Roles.RECEIVING_SCHOOL).when().get("/api/v1/career-feedback/outcomes").then().statusCode(403);
        Transfers.as(school, Roles.SENDING_SCHOOL).when().get("/api/v1/career-feedback/due").then().statusCode(403);
        Transfers.operator(REGION).when().get("/api/v1/career-feedback/outcomes").then().statusCode(403);
        Transfers.as(school, Roles.SENDING_SCHOOL).when().get("/api/v1/operator/career-outcomes").then().statusCode(403);
        Transfers.as(school, Roles.RECEIVING_SCHOOL).when().get("/api/v1/career-feedback/codes").then().statusCode(200)
                .body("code", org.hamcrest.Matchers.hasItems("advised-track", "higher-track", "lower-track",
                        "changed-school", "left"));
    }

    private int storedPupils(String sending) {
        return pool.preparedQuery("SELECT COALESCE(sum(pupils), 0) AS n FROM career_outcome WHERE sending_school = $1")
                .execute(Tuple.of(sending)).await().atMost(WAIT).iterator().next().getLong("n").intValue();
    }
}
