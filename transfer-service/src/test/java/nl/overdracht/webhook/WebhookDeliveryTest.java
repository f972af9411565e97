package nl.overdracht.webhook;

import static nl.overdracht.testing.Transfers.as;
import static nl.overdracht.testing.Transfers.submitOso;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.lifecycle.DossierStateChanged;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.outbox.OutboxEvent;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.DossierEventsTopic;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;

/**
 * Notifications reach a school's HTTPS endpoint signed, at least once, in order per dossier, and
 * the school's delivery log shows how each went. The receiver checks every signature as the README
 * tells a school to.
 */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    WebhookEvents events;

    @Inject
    WebhookSender sender;

    /** The service's clock, which other tests may have moved: the signatures' {@code iat} is by it. */
    @Inject
    Clock clock;

    private final WebhookReceiver receiver = WebhookReceiver.get();

    private static OutboxEvent changed(UUID dossier, TransitionName transition, String from, String to) {
        return new DossierStateChanged(dossier, transition, from, to, 1, "00".repeat(32), Instant.now()).toOutboxEvent();
    }

    private void registerEndpoint(String school, String role, String path) {
        as(school, role).contentType(ContentType.JSON).body(Map.of("url", receiver.url(path)))
                .when().put("/api/v1/webhook")
                .then().statusCode(201);
    }

    private List<WebhookReceiver.Received> awaitRequests(String path, int count) {
        return Transfers.await(count + " requests at " + path, () -> {
            List<WebhookReceiver.Received> got = receiver.at(path);
            return got.size() >= count ? Optional.of(got) : Optional.empty();
        });
    }

    private static JsonPath signingCertificate(String school, String role) {
        return as(school, role).when().get("/api/v1/signing-certificate")
                .then().statusCode(200).extract().jsonPath();
    }

    private boolean verified(WebhookReceiver.Received request, JsonPath certificate) {
        X509Certificate cert = WebhookVerification.certificate(certificate.getString("certificate"));
        return WebhookVerification.verify(request.signature(), request.body(), request.webhookId(), cert,
                certificate.getString("kid"), clock.instant(), Duration.ofMinutes(5));
    }

    @Test
    void an_endpoint_that_fails_twice_gets_the_same_signed_event_three_times_and_the_log_shows_it() {
        String sending = TestSchools.dutch("WS");
        String receiving = TestSchools.dutch("WR");
        String path = "/flaky/" + receiving;
        registerEndpoint(receiving, Roles.RECEIVING_SCHOOL, path);
        UUID dossier = submitOso(sending, Pupils.bsn(), receiving);

        int queued = events.handle(changed(dossier, TransitionName.PACKAGE, "RELEASED", "DELIVERABLE"))
                .await().atMost(Transfers.WAIT);

        assertThat(queued).isEqualTo(1);
        List<WebhookReceiver.Received> requests = awaitRequests(path, 3);
        assertThat(requests).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200);
        assertThat(requests).extracting(WebhookReceiver.Received::webhookId).containsOnly(requests.get(0).webhookId());
        assertThat(requests).extracting(request -> new String(request.body(), StandardCharsets.UTF_8))
                .containsOnly(new String(requests.get(0).body(), StandardCharsets.UTF_8));
        JsonPath certificate = signingCertificate(receiving, Roles.RECEIVING_SCHOOL);
        assertThat(requests).allMatch(request -> verified(request, certificate));
        JsonObject body = new JsonObject(new String(requests.get(0).body(), StandardCharsets.UTF_8));
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("id", "type", "dossierId", "state", "occurredAt");
        assertThat(body.getString("id")).isEqualTo(requests.get(0).webhookId());
        assertThat(body.getString("type")).isEqualTo("dossier.deliverable");
        assertThat(body.getString("dossierId")).isEqualTo(dossier.toString());
        assertThat(body.getString("state")).isEqualTo("DELIVERABLE");

        JsonPath log = Transfers.await("the delivery recorded as delivered", () -> {
            JsonPath page = as(receiving, Roles.RECEIVING_SCHOOL).when().get("/api/v1/webhook/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            return page.getString("deliveries[0].deliveredAt") != null ? Optional.of(page) : Optional.empty();
        });
        assertThat(log.getList("deliveries")).hasSize(1);
        assertThat(log.getString("deliveries[0].eventId")).isEqualTo(requests.get(0).webhookId());
        assertThat(log.getString("deliveries[0].type")).isEqualTo("dossier.deliverable");
        assertThat(log.getString("deliveries[0].dossierId")).isEqualTo(dossier.toString());
        assertThat(log.getInt("deliveries[0].attempts")).isEqualTo(3);
        assertThat(log.getInt("deliveries[0].lastStatus")).isEqualTo(200);
        assertThat(log.getString("deliveries[0].nextAttempt")).isNull();
        assertThat(log.getString("deliveries[0].givenUpAt")).isNull();
    }

    @Test
    void a_delivery_that_keeps_failing_is_given_up_at_the_limit_and_then_the_next_of_its_dossier_goes() {
        String sending = TestSchools.dutch("WG");
        String path = "/failing/" + sending;
        registerEndpoint(sending, Roles.SENDING_SCHOOL, path);
        UUID dossier = submitOso(sending, Pupils.bsn(), null);

        events.handle(changed(dossier, TransitionName.RELEASE, "OBJECTION_WINDOW", "RELEASED")).await()
                .atMost(Transfers.WAIT);
        events.handle(changed(dossier, TransitionName.ACKNOWLEDGE, "DELIVERABLE", "ACKNOWLEDGED")).await()
                .atMost(Transfers.WAIT);

        JsonPath log = Transfers.await("both deliveries given up", () -> {
            JsonPath page = as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/webhook/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            return page.getList("deliveries.findAll { it.givenUpAt != null }").size() == 2 ? Optional.of(page)
                    : Optional.empty();
        });
        assertThat(log.getList("deliveries.attempts", Integer.class)).containsExactly(4, 4);
        assertThat(log.getList("deliveries.lastStatus", Integer.class)).containsExactly(500, 500);
        assertThat(log.getList("deliveries.deliveredAt")).containsOnlyNulls();
        assertThat(receiver.at(path)).extracting(request -> new JsonObject(new String(request.body(),
                StandardCharsets.UTF_8)).getString("type")).containsExactly("dossier.released", "dossier.released",
                        "dossier.released", "dossier.released", "dossier.acknowledged", "dossier.acknowledged",
                        "dossier.acknowledged", "dossier.acknowledged");
    }

    @Test
    void a_body_changed_after_signing_fails_verification() {
        String sending = TestSchools.dutch("WS");
        String path = "/ok/" + sending;
        registerEndpoint(sending, Roles.SENDING_SCHOOL, path);
        UUID dossier = submitOso(sending, Pupils.bsn(), null);
        events.handle(changed(dossier, TransitionName.EXPIRE, "AWAITING_ENROLMENT", "EXPIRED")).await()
                .atMost(Transfers.WAIT);
        WebhookReceiver.Received request = awaitRequests(path, 1).get(0);
        JsonPath certificate = signingCertificate(sending, Roles.SENDING_SCHOOL);
        byte[] tampered = new String(request.body(), StandardCharsets.UTF_8).replace("EXPIRED", "RELEASED")
                .getBytes(StandardCharsets.UTF_8);

        boolean original = verified(request, certificate);
        boolean changed = verified(new WebhookReceiver.Received(request.path(), request.webhookId(), request.signature(),
                tampered, request.answered()), certificate);

        assertThat(original).isTrue();
        assertThat(changed).isFalse();
    }

    @Test
    void the_events_of_one_dossier_arrive_in_order_even_when_the_first_is_retried() {
        String sending = TestSchools.dutch("WS");
        String receiving = TestSchools.dutch("WR");
        String path = "/flaky/" + receiving;
        registerEndpoint(receiving, Roles.RECEIVING_SCHOOL, path);
        UUID dossier = submitOso(sending, Pupils.bsn(), receiving);

        events.handle(changed(dossier, TransitionName.RELEASE, "OBJECTION_WINDOW", "RELEASED")).await()
                .atMost(Transfers.WAIT);
        events.handle(changed(dossier, TransitionName.PACKAGE, "RELEASED", "DELIVERABLE")).await()
                .atMost(Transfers.WAIT);
        events.handle(changed(dossier, TransitionName.ACKNOWLEDGE, "DELIVERABLE", "ACKNOWLEDGED")).await()
                .atMost(Transfers.WAIT);

        List<WebhookReceiver.Received> requests = awaitRequests(path, 5);
        assertThat(requests).extracting(request -> new JsonObject(new String(request.body(), StandardCharsets.UTF_8))
                .getString("type")).containsExactly("dossier.released", "dossier.released", "dossier.released",
                        "dossier.deliverable", "dossier.acknowledged");
    }

    @Test
    void the_sending_school_hears_of_an_enrolment_conflict_with_ids_only() {
        String sending = TestSchools.dutch("WS");
        String path = "/ok/" + sending;
        registerEndpoint(sending, Roles.SENDING_SCHOOL, path);
        String bsn = Pupils.bsn();
        UUID dossier = submitOso(sending, bsn, TestSchools.dutch("WN"));

        Map<String, Object> enrolment = Transfers.enrol(TestSchools.dutch("WE"), "BSN", bsn, null);

        JsonObject body = new JsonObject(new String(awaitRequests(path, 1).get(0).body(), StandardCharsets.UTF_8));
        assertThat(body.getString("type")).isEqualTo("enrolment.conflict");
        assertThat(body.getString("dossierId")).isEqualTo(dossier.toString());
        assertThat(body.getString("enrolmentId")).isEqualTo(enrolment.get("id"));
        assertThat(body.getString("state")).isEqualTo("AWAITING_ENROLMENT");
        assertThat(body.encode()).doesNotContain(bsn);
    }

    @Test
    void a_state_change_published_on_dossier_events_reaches_the_endpoint() {
        String sending = TestSchools.dutch("WS");
        String path = "/ok/" + sending;
        registerEndpoint(sending, Roles.SENDING_SCHOOL, path);
        UUID dossier = submitOso(sending, Pupils.bsn(), null);

        DossierEventsTopic.publish(dossier.toString(),
                changed(dossier, TransitionName.OBJECT, "OBJECTION_WINDOW", "OBJECTED").toJson().encode());

        JsonObject body = new JsonObject(new String(awaitRequests(path, 1).get(0).body(), StandardCharsets.UTF_8));
        assertThat(body.getString("type")).isEqualTo("dossier.objected");
        assertThat(body.getString("dossierId")).isEqualTo(dossier.toString());
    }

    @Test
    void senders_running_at_once_deliver_each_notification_once() {
        String sending = TestSchools.dutch("WC");
        String path = "/ok/" + sending;
        registerEndpoint(sending, Roles.SENDING_SCHOOL, path);
        for (int i = 0; i < 10; i++) {
            UUID dossier = submitOso(sending, Pupils.bsn(), null);
            events.handle(changed(dossier, TransitionName.EXPIRE, "AWAITING_ENROLMENT", "EXPIRED")).await()
                    .atMost(Transfers.WAIT);
        }

        // two more senders beside the scheduled one, as other instances would be
        Uni.join().all(sender.sendDue(), sender.sendDue()).andCollectFailures().await().atMost(Transfers.WAIT);

        Transfers.await("every delivery delivered", () -> {
            List<Object> delivered = as(sending, Roles.SENDING_SCHOOL).when().get("/api/v1/webhook/deliveries")
                    .then().statusCode(200).extract().jsonPath().getList("deliveries.findAll { it.deliveredAt != null }");
            return delivered.size() == 10 ? Optional.of(true) : Optional.empty();
        });
        List<WebhookReceiver.Received> requests = receiver.at(path);
        assertThat(requests).hasSize(10);
        assertThat(requests).extracting(WebhookReceiver.Received::webhookId).doesNotHaveDuplicates();
    }

    @Test
    void a_school_without_an_endpoint_is_queued_nothing() {
        String sending = TestSchools.dutch("WS");
        UUID dossier = submitOso(sending, Pupils.bsn(), null);

        int queued = events.handle(changed(dossier, TransitionName.EXPIRE, "AWAITING_ENROLMENT", "EXPIRED"))
                .await().atMost(Transfers.WAIT);

        assertThat(queued).isZero();
    }
}
