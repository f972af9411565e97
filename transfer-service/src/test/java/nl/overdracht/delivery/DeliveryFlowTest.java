package nl.overdracht.delivery;

import static nl.overdracht.delivery.DeliveryFixtures.REGION;
import static nl.overdracht.delivery.DeliveryFixtures.content;
import static nl.overdracht.delivery.DeliveryFixtures.download;
import static nl.overdracht.delivery.DeliveryFixtures.opensslOpen;
import static nl.overdracht.delivery.DeliveryFixtures.receiving;
import static nl.overdracht.delivery.DeliveryFixtures.sha256Hex;
import static nl.overdracht.delivery.DeliveryFixtures.submitBaso;
import static nl.overdracht.delivery.DeliveryFixtures.submitOso;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import nl.overdracht.crypto.CmsPackages;
import nl.overdracht.crypto.SigningIdentity;
import nl.overdracht.delivery.DeliveryFixtures.ReceivingSchool;
import nl.overdracht.delivery.DeliveryFixtures.Submitted;
import nl.overdracht.profile.DossierInspector;
import nl.overdracht.profile.ProfileCatalog;
import nl.overdracht.profile.SectionRedactor;
import nl.overdracht.testing.OpenSsl;
import nl.overdracht.testing.TestSchools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance path: a released dossier is packaged for the receiving school's certificate, and
 * {@code openssl cms} decrypts it and verifies Overdracht's signature to exactly the expected
 * content, for OSO XML and vl-baso JSON, with and without a partial objection.
 */
@QuarkusTest
class DeliveryFlowTest {

    @Inject
    DeliveryFixtures fixtures;

    @Inject
    SigningIdentity overdracht;

    @Inject
    SectionRedactor redactor;

    @Inject
    ProfileCatalog profiles;

    @Inject
    DossierInspector inspector;

    @TempDir
    Path dir;

    private ReceivingSchool school(String id, boolean authEnvelopedData) {
        return fixtures.receivingSchool(REGION, id, authEnvelopedData);
    }

    private JsonObject deliveredAndOpened(ReceivingSchool school, Submitted dossier, String... objected) throws Exception {
        OpenSsl openssl = OpenSsl.require();
        fixtures.released(dossier, objected);
        fixtures.awaitState(dossier.id(), "DELIVERABLE");
        return opensslOpen(openssl, dir, download(school.id(), dossier.id()), school.certificate(), overdracht.certificate());
    }

    @Test
    void an_oso_dossier_arrives_exactly_as_sent() throws Exception {
        ReceivingSchool school = school(TestSchools.dutch(), false);
        Submitted dossier = submitOso(school.id());

        JsonObject envelope = deliveredAndOpened(school, dossier);

        assertThat(content(envelope)).isEqualTo(dossier.body());
        JsonObject manifest = envelope.getJsonObject("manifest");
        assertThat(envelope.getString("format")).isEqualTo("overdracht-delivery/1");
        assertThat(manifest.getString("deliveryId")).isEqualTo(dossier.id().toString());
        assertThat(manifest.getString("profile")).isEqualTo("oso-gegevensset");
        assertThat(manifest.getString("profileVersion")).isEqualTo("2019.1");
        assertThat(manifest.getString("mediaType")).isEqualTo("application/xml");
        assertThat(manifest.getString("sendingSchool")).isEqualTo(dossier.sendingSchool());
        assertThat(manifest.getString("receivingSchool")).isEqualTo(school.id());
        assertThat(manifest.getJsonArray("sectionsRemoved")).isEmpty();
        assertThat(manifest.getString("contentSha256")).isEqualTo(sha256Hex(dossier.body()));
        assertThat(fixtures.state(dossier.id())).isEqualTo("DELIVERABLE");
    }

    @Test
    void an_oso_dossier_under_partial_objection_arrives_without_the_category_marked_opt_uit() throws Exception {
        ReceivingSchool school = school(TestSchools.dutch(), false);
        Submitted dossier = submitOso(school.id());

        JsonObject envelope = deliveredAndOpened(school, dossier, "onderwijsondersteuning");

        byte[] content = content(envelope);
        assertThat(content).isEqualTo(redactor.removeSections(profiles.find("oso-gegevensset", "2019.1").orElseThrow(),
                dossier.body(), Set.of("onderwijsondersteuning")));
        assertThat(new String(content, StandardCharsets.UTF_8)).doesNotContain("toelichting_onderwijsbehoeften")
                .contains("<cat_onderwijsondersteuning>OPT-UIT</cat_onderwijsondersteuning>");
        assertThat(inspector.inspect("application/xml", content).sectionsPresent()).doesNotContain("onderwijsondersteuning");
        assertThat(envelope.getJsonObject("manifest").getJsonArray("sectionsRemoved").getList())
                .containsExactly("onderwijsondersteuning");
        assertThat(envelope.getJsonObject("manifest").getString("contentSha256")).isEqualTo(sha256Hex(content));
    }

    @Test
    void a_baso_dossier_arrives_exactly_as_sent() throws Exception {
        ReceivingSchool school = school(TestSchools.flemish(), false);
        Submitted dossier = submitBaso(school.id());

        JsonObject envelope = deliveredAndOpened(school, dossier);

        assertThat(content(envelope)).isEqualTo(dossier.body());
        assertThat(envelope.getJsonObject("manifest").getString("profile")).isEqualTo("vl-baso");
        assertThat(envelope.getJsonObject("manifest").getString("profileVersion")).isEqualTo("2");
        assertThat(envelope.getJsonObject("manifest").getString("mediaType")).isEqualTo("application/json");
        assertThat(envelope.getJsonObject("manifest").getString("contentSha256")).isEqualTo(sha256Hex(dossier.body()));
    }

    @Test
    void a_baso_dossier_under_partial_objection_arrives_without_the_sections() throws Exception {
        ReceivingSchool school = school(TestSchools.flemish(), false);
        Submitted dossier = submitBaso(school.id());

        JsonObject envelope = deliveredAndOpened(school, dossier, "parentsPart", "languageSupport");

        byte[] content = content(envelope);
        assertThat(content).isEqualTo(redactor.removeSections(profiles.find("vl-baso", "2").orElseThrow(), dossier.body(),
                Set.of("parentsPart", "languageSupport")));
        JsonObject delivered = new JsonObject(new String(content, StandardCharsets.UTF_8)).getJsonObject("dossier");
        assertThat(delivered.containsKey("parentsPart")).isFalse();
        assertThat(delivered.containsKey("languageSupport")).isFalse();
        assertThat(delivered.containsKey("verslag")).isTrue();
        assertThat(envelope.getJsonObject("manifest").getJsonArray("sectionsRemoved").getList())
                .containsExactly("languageSupport", "parentsPart");
    }

    @Test
    void a_whole_objection_to_a_baso_dossier_still_delivers_the_verslag_and_the_pupils_identity_only() throws Exception {
        // Given a vl-baso dossier with a verslag, objected to as a whole by the parents
        OpenSsl openssl = OpenSsl.require();
        ReceivingSchool school = school(TestSchools.flemish(), false);
        Submitted dossier = fixtures.objectedWholeAndWindowElapsed(submitBaso(school.id()));

        // When its window has elapsed
        fixtures.awaitState(dossier.id(), "DELIVERABLE");
        JsonObject envelope = opensslOpen(openssl, dir, download(school.id(), dossier.id()), school.certificate(),
                overdracht.certificate());

        // Then openssl opens a package holding the mandatory sections only, and the manifest says why
        JsonObject delivered = new JsonObject(new String(content(envelope), StandardCharsets.UTF_8)).getJsonObject("dossier");
        assertThat(delivered.fieldNames()).containsExactlyInAnyOrder("pupil", "verslag");
        assertThat(delivered.getJsonObject("verslag").getString("content")).isEqualTo("RmljdGllZiB2ZXJzbGFnLg==");
        JsonObject manifest = envelope.getJsonObject("manifest");
        assertThat(manifest.getString("removalReason")).isEqualTo("whole-objection");
        assertThat(manifest.getJsonArray("sectionsRemoved").getList()).contains("specificNeeds", "parentsPart", "pupilPart")
                .doesNotContain("pupil", "verslag");
        assertThat(manifest.getJsonArray("mandatorySectionsDelivered").stream().map(o -> ((JsonObject) o).getString("section")))
                .containsExactly("pupil", "verslag");
        assertThat(manifest.getJsonArray("mandatorySectionsDelivered").getJsonObject(1).getString("reason"))
                .contains("Decreet basisonderwijs art. 31");
    }

    @Test
    void a_whole_objection_to_an_oso_dossier_still_delivers_the_categories_wpo_art_42_makes_mandatory() throws Exception {
        // Given an OSO dossier objected to as a whole
        OpenSsl openssl = OpenSsl.require();
        ReceivingSchool school = school(TestSchools.dutch(), false);
        Submitted dossier = fixtures.objectedWholeAndWindowElapsed(submitOso(school.id()));

        // When its window has elapsed
        fixtures.awaitState(dossier.id(), "DELIVERABLE");
        JsonObject envelope = opensslOpen(openssl, dir, download(school.id(), dossier.id()), school.certificate(),
                overdracht.certificate());

        // Then the delivered dossier holds only mandatory categories, the others marked OPT-UIT
        byte[] content = content(envelope);
        assertThat(inspector.inspect("application/xml", content).sectionsPresent())
                .allMatch(section -> profiles.find("oso-gegevensset", "2019.1").orElseThrow().section(section)
                        .orElseThrow().mandatory())
                .contains("leerling", "schoolloopbaan");
        assertThat(new String(content, StandardCharsets.UTF_8)).doesNotContain("toelichting_onderwijsbehoeften")
                .contains("<cat_onderwijsondersteuning>OPT-UIT</cat_onderwijsondersteuning>")
                .contains("<cat_leerling>VERPLICHT</cat_leerling>");
        assertThat(envelope.getJsonObject("manifest").getString("removalReason")).isEqualTo("whole-objection");
    }

    @Test
    void a_school_that_opted_in_gets_auth_enveloped_data_that_openssl_opens() throws Exception {
        ReceivingSchool school = school(TestSchools.dutch(), true);
        Submitted dossier = submitOso(school.id());

        JsonObject envelope = deliveredAndOpened(school, dossier);

        assertThat(content(envelope)).isEqualTo(dossier.body());
        receiving(school.id()).when().get("/api/v1/deliveries/" + dossier.id())
                .then().statusCode(200)
                .header("Content-Type", equalTo("application/pkcs7-mime; smime-type=authEnveloped-data"));
    }

    @Test
    void the_package_is_enveloped_data_signed_by_overdracht_with_the_package_hash_as_etag() throws Exception {
        ReceivingSchool school = school(TestSchools.dutch(), false);
        Submitted dossier = fixtures.released(submitOso(school.id()));
        fixtures.awaitState(dossier.id(), "DELIVERABLE");

        var response = receiving(school.id()).when().get("/api/v1/deliveries/" + dossier.id())
                .then().statusCode(200)
                .header("Content-Type", equalTo("application/pkcs7-mime; smime-type=enveloped-data"))
                .extract();
        byte[] pkg = response.asByteArray();

        assertThat(response.header("ETag")).isEqualTo("\"" + sha256Hex(pkg) + "\"");
        byte[] envelope = CmsPackages.decryptAndVerify(pkg, school.certificate().privateKey(), overdracht.certificate());
        assertThat(content(new JsonObject(new String(envelope, StandardCharsets.UTF_8)))).isEqualTo(dossier.body());
    }
}
