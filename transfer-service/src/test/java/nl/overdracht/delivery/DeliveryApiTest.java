package nl.overdracht.delivery;

import static nl.overdracht.delivery.DeliveryFixtures.REGION;
import static nl.overdracht.delivery.DeliveryFixtures.download;
import static nl.overdracht.delivery.DeliveryFixtures.receiving;
import static nl.overdracht.delivery.DeliveryFixtures.register;
import static nl.overdracht.delivery.DeliveryFixtures.revoke;
import static nl.overdracht.delivery.DeliveryFixtures.sha256Hex;
import static nl.overdracht.delivery.DeliveryFixtures.submitOso;
import static nl.overdracht.delivery.DeliveryFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.crypto.CmsPackages;
import nl.overdracht.crypto.CryptoException;
import nl.overdracht.crypto.SigningIdentity;
import nl.overdracht.crypto.TestCertificates;
import nl.overdracht.delivery.DeliveryFixtures.ReceivingSchool;
import nl.overdracht.delivery.DeliveryFixtures.Submitted;
import nl.overdracht.outbox.OutboxEvent;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Downloads, acknowledgements, tenancy, certificate rotation and the operators' queue. */
@QuarkusTest
class DeliveryApiTest {

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    SigningIdentity overdracht;

    @Inject
    DeliveryWorker worker;

    @Inject
    DeliveryFixtures fixtures;

    private ReceivingSchool school(String region) {
        return fixtures.receivingSchool(region, TestSchools.dutch(), false);
    }

    private Submitted delivered(ReceivingSchool school) {
        Submitted dossier = fixtures.released(submitOso(school.id()));
        fixtures.awaitState(dossier.id(), "DELIVERABLE");
        return dossier;
    }

    private byte[] openedWith(TestCertificates.Issued certificate, byte[] pkg) {
        byte[] envelope = CmsPackages.decryptAndVerify(pkg, certificate.privateKey(), overdracht.certificate());
        return DeliveryFixtures.content(new JsonObject(new String(envelope, StandardCharsets.UTF_8)));
    }

    private static io.restassured.response.ValidatableResponse acknowledge(String school, UUID id, String hash) {
        return receiving(school).contentType(ContentType.JSON).body(Map.of("contentSha256", hash))
                .when().post("/api/v1/deliveries/" + id + "/acknowledgement")
                .then();
    }

    @Test
    void a_wrong_hash_is_422_the_right_one_acknowledges_and_a_repeat_gives_the_same_answer() throws Exception {
        ReceivingSchool school = school(REGION);
        Submitted dossier = delivered(school);
        String hash = sha256Hex(openedWith(school.certificate(), download(school.id(), dossier.id())));

        acknowledge(school.id(), dossier.id(), "00".repeat(32))
                .statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.BASE + "unprocessable"))
                .body("errors[0].pointer", equalTo("/contentSha256"));
        assertThat(fixtures.state(dossier.id())).isEqualTo("DELIVERABLE");

        String first = acknowledge(school.id(), dossier.id(), hash)
                .statusCode(200)
                .body("deliveryId", equalTo(dossier.id().toString()))
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("contentSha256", equalTo(hash))
                .body("purgeAfter", notNullValue())
                .extract().asString();
        String again = acknowledge(school.id(), dossier.id(), hash.toUpperCase()).statusCode(200).extract().asString();

        assertThat(again).isEqualTo(first);
        assertThat(fixtures.state(dossier.id())).isEqualTo("ACKNOWLEDGED");
        assertThat(count("SELECT count(*) FROM outbox_event WHERE aggregate_id = $1 AND payload->>'transition' = 'ACKNOWLEDGE'",
                dossier.id())).isEqualTo(1);
        receiving(school.id()).queryParam("state", "pending").when().get("/api/v1/deliveries")
                .then().statusCode(200).body("id", not(hasItem(dossier.id().toString())));
        receiving(school.id()).queryParam("state", "acknowledged").when().get("/api/v1/deliveries")
                .then().statusCode(200).body("id", hasItem(dossier.id().toString()));
    }

    @Test
    void the_acknowledgement_carries_the_latest_signed_audit_checkpoint() throws Exception {
        ReceivingSchool school = school(REGION);
        Submitted dossier = delivered(school);
        String hash = sha256Hex(openedWith(school.certificate(), download(school.id(), dossier.id())));
        awaitCheckpoint();

        acknowledge(school.id(), dossier.id(), hash).statusCode(200)
                .body("checkpoint.size", notNullValue())
                .body("checkpoint.chainHead", notNullValue())
                .body("checkpoint.signature", notNullValue());
    }

    @Test
    void another_school_gets_404_on_list_download_and_acknowledgement() throws Exception {
        ReceivingSchool school = school(REGION);
        Submitted dossier = delivered(school);
        String other = TestSchools.dutch();

        receiving(school.id()).when().get("/api/v1/deliveries")
                .then().statusCode(200).body("id", hasItem(dossier.id().toString()));
        receiving(other).queryParam("state", "all").when().get("/api/v1/deliveries")
                .then().statusCode(200).body("id", not(hasItem(dossier.id().toString())));
        receiving(other).when().get("/api/v1/deliveries/" + dossier.id())
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        acknowledge(other, dossier.id(), "00".repeat(32)).statusCode(404);
        assertThat(count("SELECT count(*) FROM delivery_package WHERE dossier_id = $1 AND downloaded_at IS NOT NULL",
                dossier.id())).isZero();
    }

    @Test
    void a_download_with_the_current_etag_is_304_and_not_audited() throws Exception {
        ReceivingSchool school = school(REGION);
        Submitted dossier = delivered(school);
        String etag = receiving(school.id()).when().get("/api/v1/deliveries/" + dossier.id())
                .then().statusCode(200).extract().header("ETag");

        receiving(school.id()).header("If-None-Match", etag).when().get("/api/v1/deliveries/" + dossier.id())
                .then().statusCode(304).header("ETag", equalTo(etag));
        receiving(school.id()).header("If-None-Match", "\"" + "ab".repeat(32) + "\"")
                .when().get("/api/v1/deliveries/" + dossier.id())
                .then().statusCode(200);

        assertThat(Transfers.auditCount(pool, dossier.id(), "DELIVERY_DOWNLOADED")).isEqualTo(2);
    }

    @Test
    void a_dossier_stays_released_until_the_school_has_a_certificate_and_is_packaged_when_one_is_added()
            throws Exception {
        String id = TestSchools.dutch();
        register(REGION, id, false);
        Submitted dossier = fixtures.released(submitOso(id));
        // the RELEASE event reaches the delivery worker meanwhile; without a certificate it packages nothing
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(DeliveryFixtures.WAIT)
                .until(() -> fixtures.state(dossier.id()), "RELEASED"::equals);
        worker.retryDue().await().atMost(DeliveryFixtures.WAIT);
        assertThat(fixtures.state(dossier.id())).isEqualTo("RELEASED");

        TestCertificates.Issued certificate = fixtures.certificate("Late school " + id);
        upload(REGION, id, certificate.certificate());

        fixtures.awaitState(dossier.id(), "DELIVERABLE");
        assertThat(openedWith(certificate, download(id, dossier.id()))).isEqualTo(dossier.body());
    }

    @Test
    void a_new_certificate_re_encrypts_the_package_and_revoking_it_moves_back_to_the_older_one() throws Exception {
        ReceivingSchool school = school(REGION);
        Submitted dossier = delivered(school);
        byte[] before = download(school.id(), dossier.id());
        TestCertificates.Issued newer = fixtures.certificate("Rotated school " + school.id());

        String first = DeliveryFixtures.packageSha256(school.id(), dossier.id());
        UUID newerId = upload(REGION, school.id(), newer.certificate());
        DeliveryFixtures.awaitPackageChanged(school.id(), dossier.id(), first);

        byte[] rotated = download(school.id(), dossier.id());
        assertThat(rotated).isNotEqualTo(before);
        assertThat(openedWith(newer, rotated)).isEqualTo(dossier.body());
        assertThatThrownBy(() -> openedWith(school.certificate(), rotated)).isInstanceOf(CryptoException.class);

        revoke(REGION, school.id(), newerId);
        DeliveryFixtures.awaitPackageChanged(school.id(), dossier.id(), sha256Hex(rotated));

        byte[] back = download(school.id(), dossier.id());
        assertThat(openedWith(school.certificate(), back)).isEqualTo(dossier.body());
        assertThatThrownBy(() -> openedWith(newer, back)).isInstanceOf(CryptoException.class);
        assertThat(fixtures.state(dossier.id())).isEqualTo("DELIVERABLE");
    }

    @Test
    void revoking_the_only_certificate_withholds_the_package_until_a_new_one_is_added() throws Exception {
        ReceivingSchool school = school(REGION);
        Submitted dossier = delivered(school);

        String packaged = DeliveryFixtures.packageSha256(school.id(), dossier.id());
        revoke(REGION, school.id(), school.certificateId());
        DeliveryFixtures.awaitPackageChanged(school.id(), dossier.id(), packaged);

        receiving(school.id()).when().get("/api/v1/deliveries/" + dossier.id())
                .then().statusCode(409).contentType(Problem.MEDIA_TYPE);
        receiving(school.id()).when().get("/api/v1/deliveries")
                .then().statusCode(200).body("find { it.id == '" + dossier.id() + "' }.available", equalTo(false));

        TestCertificates.Issued replacement = fixtures.certificate("Replacement " + school.id());
        upload(REGION, school.id(), replacement.certificate());
        DeliveryFixtures.awaitPackageChanged(school.id(), dossier.id(), null);

        assertThat(openedWith(replacement, download(school.id(), dossier.id()))).isEqualTo(dossier.body());
    }

    @Test
    void an_expired_certificate_is_never_used() throws Exception {
        ReceivingSchool school = school(REGION);
        Instant now = clock.instant();
        TestCertificates.Issued shortLived = TestCertificates.rsa("CN=Short-lived " + school.id(), 2048)
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20))).issue();
        upload(REGION, school.id(), shortLived.certificate());
        Submitted dossier = delivered(school);
        assertThat(openedWith(shortLived, download(school.id(), dossier.id()))).isEqualTo(dossier.body());

        TestClock.advance(Duration.ofDays(10));
        worker.retryDue().await().atMost(DeliveryFixtures.WAIT);

        byte[] after = download(school.id(), dossier.id());
        assertThat(openedWith(school.certificate(), after)).isEqualTo(dossier.body());
        assertThatThrownBy(() -> openedWith(shortLived, after)).isInstanceOf(CryptoException.class);
    }

    @Test
    void a_suspended_school_cannot_download_or_send_and_gets_nothing_packaged() throws Exception {
        ReceivingSchool school = school(REGION);
        Submitted delivered = delivered(school);
        Submitted enrolled = submitOso(school.id());
        DeliveryFixtures.enrol(enrolled);
        Transfers.operator(REGION).contentType(ContentType.JSON).body(Map.of("status", "SUSPENDED"))
                .when().patch("/api/v1/registry/schools/" + school.id())
                .then().statusCode(200).body("status", equalTo("SUSPENDED"));

        receiving(school.id()).when().get("/api/v1/deliveries/" + delivered.id())
                .then().statusCode(403).body("type", equalTo(ProblemType.BASE + "school-not-admitted"));
        fixtures.release(enrolled);
        Submitted waiting = enrolled;
        worker.retryDue().await().atMost(DeliveryFixtures.WAIT);
        assertThat(fixtures.state(waiting.id())).isEqualTo("RELEASED");
        Transfers.as(school.id(), Roles.SENDING_SCHOOL).contentType("application/xml")
                .body(Dossiers.oso("POVO", Pupils.bsn(), school.id()).bytes())
                .when().post("/api/v1/dossiers")
                .then().statusCode(403).body("type", equalTo(ProblemType.BASE + "school-not-admitted"));

        Transfers.operator(REGION).contentType(ContentType.JSON).body(Map.of("status", "ACTIVE"))
                .when().patch("/api/v1/registry/schools/" + school.id())
                .then().statusCode(200);

        fixtures.awaitState(waiting.id(), "DELIVERABLE");
    }

    @Test
    void a_redelivered_release_event_packages_nothing_twice() throws Exception {
        ReceivingSchool school = school(REGION);
        Submitted dossier = delivered(school);
        String etag = receiving(school.id()).when().get("/api/v1/deliveries/" + dossier.id())
                .then().statusCode(200).extract().header("ETag");
        var row = pool.preparedQuery("SELECT event_id, aggregate_type, aggregate_id, event_type, payload, created_at "
                        + "FROM outbox_event WHERE aggregate_id = $1 AND payload->>'transition' = 'RELEASE'")
                .execute(Tuple.of(dossier.id())).await().atMost(DeliveryFixtures.WAIT).iterator().next();
        OutboxEvent release = new OutboxEvent(row.getUUID("event_id"), row.getString("aggregate_type"),
                row.getUUID("aggregate_id"), row.getString("event_type"), (JsonObject) row.getValue("payload"),
                row.getOffsetDateTime("created_at").toInstant());
        // the consumer has seen the event once from Kafka (the package may have come from the registry path first)
        Transfers.await("the delivery consumer to record the release event",
                () -> java.util.Optional.of(release.eventId()).filter(id -> count("SELECT count(*) FROM processed_event "
                        + "WHERE consumer = '" + DeliveryWorker.CONSUMER + "' AND event_id = $1", id) == 1));

        boolean applied = worker.handle(release).await().atMost(DeliveryFixtures.WAIT);

        assertThat(applied).isFalse();
        receiving(school.id()).when().get("/api/v1/deliveries/" + dossier.id())
                .then().statusCode(200).header("ETag", equalTo(etag));
        assertThat(count("SELECT count(*) FROM outbox_event WHERE aggregate_id = $1 AND payload->>'transition' = 'PACKAGE'",
                dossier.id())).isEqualTo(1);
    }

    @Test
    void operators_see_how_many_deliveries_wait_in_their_region_and_since_when() throws Exception {
        String region = "queue-" + UUID.randomUUID().toString().substring(0, 8);
        ReceivingSchool school = school(region);
        delivered(school);
        String late = TestSchools.dutch();
        register(region, late, false);
        fixtures.released(submitOso(late));

        Transfers.operator(region).when().get("/api/v1/operator/queue")
                .then().statusCode(200)
                .body("region", equalTo(region))
                .body("waiting", equalTo(2))
                .body("stages.find { it.stage == 'awaiting-package' }.count", equalTo(1))
                .body("stages.find { it.stage == 'awaiting-download' }.count", equalTo(1))
                .body("stages.find { it.stage == 'awaiting-download' }.oldestReleasedAt", notNullValue())
                .body("stages.find { it.stage == 'awaiting-acknowledgement' }.count", equalTo(0));
        Transfers.operator("another-" + region).when().get("/api/v1/operator/queue")
                .then().statusCode(200).body("waiting", equalTo(0));
    }

    @Test
    void every_delivery_endpoint_refuses_other_roles_with_403() {
        UUID id = UUID.randomUUID();
        String school = TestSchools.dutch();
        Transfers.as(school, Roles.SENDING_SCHOOL).when().get("/api/v1/deliveries").then().statusCode(403);
        Transfers.as(school, Roles.SENDING_SCHOOL).when().get("/api/v1/deliveries/" + id).then().statusCode(403);
        Transfers.as(school, Roles.SENDING_SCHOOL).contentType(ContentType.JSON).body(Map.of("contentSha256", "00".repeat(32)))
                .when().post("/api/v1/deliveries/" + id + "/acknowledgement").then().statusCode(403);
        Transfers.operator(REGION).when().get("/api/v1/deliveries").then().statusCode(403);
        receiving(school).when().get("/api/v1/operator/queue").then().statusCode(403);
    }

    @Test
    void a_malformed_acknowledgement_or_state_filter_is_400() {
        String school = TestSchools.dutch();
        acknowledge(school, UUID.randomUUID(), "not-hex").statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].pointer", equalTo("/contentSha256"));
        receiving(school).queryParam("state", "lost").when().get("/api/v1/deliveries")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/state"));
    }

    private long count(String sql, UUID dossier) {
        return pool.preparedQuery(sql).execute(Tuple.of(dossier)).await().atMost(DeliveryFixtures.WAIT)
                .iterator().next().getLong(0);
    }

    private void awaitCheckpoint() {
        Awaitility.await("an audit checkpoint").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> pool.query("SELECT count(*) FROM audit_checkpoint").execute().await()
                        .atMost(DeliveryFixtures.WAIT).iterator().next().getLong(0), count -> count > 0);
    }
}
