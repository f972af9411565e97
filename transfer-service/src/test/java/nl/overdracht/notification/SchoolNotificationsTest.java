package nl.overdracht.notification;

import static nl.overdracht.testing.Transfers.as;
import static nl.overdracht.testing.Transfers.one;
import static nl.overdracht.testing.Transfers.submitOso;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.lifecycle.DossierStateChanged;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.outbox.OutboxEvent;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.DossierEventsTopic;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import nl.overdracht.testing.Transfers.Matched;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;

/** The notification consumer is idempotent: a redelivered event, from Kafka or a second consumer, adds nothing. */
@QuarkusTest
class SchoolNotificationsTest {

    @Inject
    SchoolNotifications notifications;

    @Inject
    Pool pool;

    private static OutboxEvent released(UUID dossierId) {
        return new DossierStateChanged(dossierId, TransitionName.RELEASE, "OBJECTION_WINDOW", "RELEASED", 1,
                "00".repeat(32), Instant.now()).toOutboxEvent();
    }

    private long notificationsFor(UUID eventId) {
        return one(pool, "SELECT count(*) AS n FROM school_notification WHERE event_id = $1", eventId).getLong("n");
    }

    private boolean processed(UUID eventId) {
        return one(pool, "SELECT count(*) AS n FROM processed_event WHERE consumer = $1 AND event_id = $2",
                SchoolNotifications.CONSUMER, eventId).getLong("n") == 1;
    }

    @Test
    void handling_the_same_event_twice_records_one_notification() {
        String sending = TestSchools.dutch("NS");
        UUID dossier = submitOso(sending, Pupils.bsn(), null);
        OutboxEvent event = released(dossier);

        boolean first = notifications.handle(event).await().atMost(Transfers.WAIT);
        boolean again = notifications.handle(event).await().atMost(Transfers.WAIT);

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(notificationsFor(event.eventId())).isEqualTo(1);
    }

    @Test
    void a_package_re_encrypted_for_the_receiving_school_is_no_news_for_the_sender() {
        UUID dossier = submitOso(TestSchools.dutch("NS"), Pupils.bsn(), null);
        OutboxEvent repackaged = new DossierStateChanged(dossier, TransitionName.REPACKAGE, "DELIVERABLE", "DELIVERABLE",
                1, "00".repeat(32), Instant.now()).toOutboxEvent();

        boolean effect = notifications.handle(repackaged).await().atMost(Transfers.WAIT);

        assertThat(effect).isFalse();
        assertThat(notificationsFor(repackaged.eventId())).isZero();
    }

    @Test
    void two_consumers_handling_one_event_at_once_record_one_notification() {
        String sending = TestSchools.dutch("NS");
        UUID dossier = submitOso(sending, Pupils.bsn(), null);
        OutboxEvent event = released(dossier);

        List<Boolean> effects = Uni.join().all(notifications.handle(event), notifications.handle(event),
                notifications.handle(event)).andFailFast().await().atMost(Transfers.WAIT);

        assertThat(effects).containsExactlyInAnyOrder(true, false, false);
        assertThat(notificationsFor(event.eventId())).isEqualTo(1);
    }

    @Test
    void a_record_delivered_twice_by_kafka_records_one_notification() {
        String sending = TestSchools.dutch("NS");
        UUID dossier = submitOso(sending, Pupils.bsn(), null);
        OutboxEvent event = released(dossier);
        OutboxEvent later = released(dossier);

        DossierEventsTopic.publish(dossier.toString(), event.toJson().encode());
        DossierEventsTopic.publish(dossier.toString(), event.toJson().encode());
        DossierEventsTopic.publish(dossier.toString(), later.toJson().encode());
        // one key, one partition, in order: once the later event is processed, both copies were
        Transfers.await("the later event", () -> processed(later.eventId()) ? Optional.of(true) : Optional.empty());

        assertThat(notificationsFor(event.eventId())).isEqualTo(1);
        assertThat(notificationsFor(later.eventId())).isEqualTo(1);
    }

    @Test
    void a_record_that_is_not_an_overdracht_event_is_skipped() {
        String sending = TestSchools.dutch("NS");
        UUID dossier = submitOso(sending, Pupils.bsn(), null);
        OutboxEvent later = released(dossier);

        DossierEventsTopic.publish(dossier.toString(), "{\"not\":\"an event\"}");
        DossierEventsTopic.publish(dossier.toString(), "not even json");
        DossierEventsTopic.publish(dossier.toString(), later.toJson().encode());

        Transfers.await("the later event", () -> processed(later.eventId()) ? Optional.of(true) : Optional.empty());
        assertThat(notificationsFor(later.eventId())).isEqualTo(1);
    }

    @Test
    void the_sending_school_is_told_when_its_dossier_is_matched() {
        Matched matched = Transfers.matchedOso(TestSchools.dutch("NS"), TestSchools.dutch("NR"));
        String sending = matched.sending();
        UUID dossier = matched.id();

        JsonPath seen = Transfers.await("the match notification", () -> {
            JsonPath list = as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/notifications")
                    .then().statusCode(200).extract().jsonPath();
            return list.getList("state").contains("OBJECTION_WINDOW") ? Optional.of(list) : Optional.empty();
        });

        assertThat(seen.getList("dossierId")).containsOnly(dossier.toString());
        assertThat(seen.getList("state")).containsExactly("OBJECTION_WINDOW");
        as(TestSchools.dutch("NO"), Roles.SENDING_SCHOOL).when().get("/api/v1/notifications")
                .then().statusCode(200).body("", org.hamcrest.Matchers.hasSize(0));
    }

    @Test
    void only_a_sending_school_reads_notifications() {
        for (String token : List.of(Tokens.school(TestSchools.dutch("NR"), Roles.RECEIVING_SCHOOL),
                Tokens.region("noord", Roles.OPERATOR), Tokens.region("noord", Roles.AUDITOR))) {
            io.restassured.RestAssured.given().header("Authorization", Tokens.bearer(token))
                    .when().get("/api/v1/notifications")
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }
}
