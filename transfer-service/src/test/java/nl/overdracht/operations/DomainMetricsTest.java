package nl.overdracht.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * After a scripted run in a region of its own — dossiers submitted, some enrolled and released to a school
 * without a certificate, one refused, one objected to — {@code /q/metrics} counts them in that region, with
 * the ages the clock gives, and the counters moved by what happened.
 */
@QuarkusTest
class DomainMetricsTest {

    @Inject
    OperationsFixtures fixtures;

    @Inject
    DomainGauges gauges;

    @Inject
    AuditLog audit;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void the_gauges_count_a_region_s_dossiers_by_state_stage_and_stuck_kind_with_their_ages() {
        // Given a sending school and a receiving school without a certificate, both in a region of their own
        String region = OperationsFixtures.freshRegion("metrics");
        String sending = TestSchools.dutch();
        Transfers.register(region, sending, OperationsFixtures.EVERY_PROFILE);
        String receiving = OperationsFixtures.schoolWithoutCertificate(region);
        // two dossiers nobody enrols, and three enrolled at the receiving school
        Transfers.submitOso(sending, Pupils.bsn(), null);
        Transfers.submitOso(sending, Pupils.bsn(), null);
        List<Transfers.Matched> enrolled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String bsn = Pupils.bsn();
            UUID id = Transfers.submitOso(sending, bsn, receiving);
            Transfers.enrol(receiving, "BSN", bsn, sending);
            enrolled.add(new Transfers.Matched(sending, receiving, bsn, id));
        }

        // When the gauges are computed
        Scrape before = refreshed();

        // Then the region has two dossiers awaiting their enrolment and three in their window, none released
        assertThat(before.value("overdracht_dossiers", "state", "AWAITING_ENROLMENT", "region", region)).contains(2.0);
        assertThat(before.value("overdracht_dossiers", "state", "OBJECTION_WINDOW", "region", region)).contains(3.0);
        assertThat(before.value("overdracht_dossiers", "state", "RELEASED", "region", region)).contains(0.0);
        assertThat(before.value("overdracht_queue_items", "stage", "awaiting-enrolment", "region", region)).contains(2.0);
        assertThat(before.value("overdracht_queue_items", "stage", "objection-window", "region", region)).contains(3.0);
        assertThat(before.value("overdracht_stuck_items", "kind", "withheld", "region", region)).contains(0.0);

        // When the windows elapse (the clock moves 15 days) and the dossiers are released to a school without a certificate
        fixtures.release(enrolled.toArray(Transfers.Matched[]::new));
        Scrape after = refreshed();

        // Then they are counted released, waiting for a package, and stuck as withheld; the unmatched ones have waited 15 days
        assertThat(after.value("overdracht_dossiers", "state", "RELEASED", "region", region)).contains(3.0);
        assertThat(after.value("overdracht_dossiers", "state", "OBJECTION_WINDOW", "region", region)).contains(0.0);
        assertThat(after.value("overdracht_dossiers", "state", "AWAITING_ENROLMENT", "region", region)).contains(2.0);
        assertThat(after.value("overdracht_queue_items", "stage", "awaiting-package", "region", region)).contains(3.0);
        assertThat(after.value("overdracht_stuck_items", "kind", "withheld", "region", region)).contains(3.0);
        assertThat(after.value("overdracht_queue_oldest_age_seconds", "stage", "awaiting-enrolment", "region", region))
                .hasValueSatisfying(age -> assertThat(age).isGreaterThanOrEqualTo(Duration.ofDays(15).toSeconds()));
        assertThat(after.value("overdracht_queue_oldest_age_seconds", "stage", "objection-window", "region", region))
                .contains(0.0);
        assertThat(after.value("overdracht_queue_oldest_age_seconds", "stage", "awaiting-package", "region", region))
                .hasValueSatisfying(age -> assertThat(age).isGreaterThanOrEqualTo(0.0).isLessThan(3600.0));
        // and another region's operator's series hold none of it
        assertThat(after.samples()).filteredOn(sample -> sample.name().startsWith("overdracht_")
                        && region.equals(sample.labels().get("region")))
                .allSatisfy(sample -> assertThat(sample.labels()).doesNotContainValue(sending)
                        .doesNotContainValue(receiving));
    }

    @Test
    void the_service_wide_gauges_are_there_with_values_and_keep_them_through_a_garbage_collection() {
        gauges.refresh().await().atMost(Transfers.WAIT);
        System.gc();
        Scrape scrape = Scrape.of(metrics);

        assertThat(scrape.samples()).filteredOn(sample -> sample.name().equals("overdracht_dossiers")).isNotEmpty()
                .allSatisfy(sample -> assertThat(sample.value()).isNotNaN());

        assertThat(scrape.value("overdracht_outbox_unpublished_events")).hasValueSatisfying(n -> assertThat(n).isNotNegative());
        assertThat(scrape.value("overdracht_outbox_oldest_unpublished_age_seconds"))
                .hasValueSatisfying(age -> assertThat(age).isNotNegative());
        assertThat(scrape.value("overdracht_audit_entries_unchained")).hasValueSatisfying(n -> assertThat(n).isNotNegative());
        assertThat(scrape.value("overdracht_audit_entries_unsigned")).hasValueSatisfying(n -> assertThat(n).isNotNegative());
        assertThat(scrape.value("overdracht_audit_last_checkpoint_age_seconds"))
                .hasValueSatisfying(age -> assertThat(age).isNotNegative());
        assertThat(scrape.value("overdracht_key_rewrap_backlog")).hasValueSatisfying(n -> assertThat(n).isNotNegative());
        assertThat(scrape.value("overdracht_webhook_deliveries_pending")).hasValueSatisfying(n -> assertThat(n).isNotNegative());
        assertThat(scrape.value("overdracht_webhook_oldest_pending_age_seconds"))
                .hasValueSatisfying(age -> assertThat(age).isNotNegative());
        assertThat(scrape.value("overdracht_webhook_attempts_total", "outcome", "given_up"))
                .hasValueSatisfying(n -> assertThat(n).isNotNegative());
        assertThat(scrape.value("overdracht_background_last_round_age_seconds", "worker", "outbox-relay"))
                .hasValueSatisfying(age -> assertThat(age).isNotNegative().isLessThan(30.0));
    }

    @Test
    void a_refused_dossier_and_an_objection_move_their_counters_once_committed_and_chained() {
        // Given what earlier tests recorded chained and counted
        audit.drain().await().atMost(Transfers.WAIT);
        Scrape before = Scrape.of(metrics);
        String sending = TestSchools.dutch();

        // When a dossier the profile refuses (a field not on the whitelist) is submitted
        OperationsFixtures.submitNotWhitelisted(sending);
        // and the parents object to a whole dossier before its match
        UUID objected = Transfers.submitOso(sending, Pupils.bsn(), null);
        Transfers.as(sending, Roles.SENDING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("scope", "whole", "objectedBy", "parent", "objectedOn", LocalDate.now().toString()))
                .when().post("/api/v1/dossiers/" + objected + "/objections")
                .then().statusCode(201);
        audit.drain().await().atMost(Transfers.WAIT);

        // Then the refusal is counted by its rule code and by its problem type, and the objection by its kind
        Awaitility.await("the counters moved").atMost(Transfers.WAIT).untilAsserted(() -> {
            Scrape after = Scrape.of(metrics);
            assertThat(moved(before, after, "overdracht_dossiers_rejected_total", "violation", "not-whitelisted"))
                    .isEqualTo(1.0);
            assertThat(moved(before, after, "overdracht_dossiers_refused_total", "reason", "dossier-rejected"))
                    .isEqualTo(1.0);
            assertThat(moved(before, after, "overdracht_objections_total", "kind", "whole")).isEqualTo(1.0);
        });
    }

    private static double moved(Scrape before, Scrape after, String name, String... labels) {
        return after.count(name, labels) - before.count(name, labels);
    }

    private Scrape refreshed() {
        gauges.refresh().await().atMost(Transfers.WAIT);
        return Scrape.of(metrics);
    }

    @Test
    void the_handover_gauge_counts_a_region_s_warm_handovers_by_state() {
        // Given a receiving school in a region of its own, and a sending school that asks for a warm handover
        String region = OperationsFixtures.freshRegion("handover");
        String receiving = OperationsFixtures.schoolWithoutCertificate(region);
        String sending = TestSchools.dutch();
        String bsn = Pupils.bsn();
        UUID id = Transfers.submitOso(sending, bsn, null);
        Transfers.as(sending, Roles.SENDING_SCHOOL).when()
                .post("/api/v1/dossiers/" + id + "/handover").then().statusCode(201);
        Transfers.enrol(receiving, "BSN", bsn, null);

        // When the gauges are computed
        Scrape scrape = refreshed();

        // Then the region counts one requested handover and none in the other states
        assertThat(scrape.value("overdracht_handover_items", "state", "REQUESTED", "region", region)).contains(1.0);
        assertThat(scrape.value("overdracht_handover_items", "state", "SCHEDULED", "region", region)).contains(0.0);
        assertThat(scrape.value("overdracht_handover_items", "state", "HELD", "region", region)).contains(0.0);
    }
}
