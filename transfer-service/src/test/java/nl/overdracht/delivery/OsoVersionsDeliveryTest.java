package nl.overdracht.delivery;

import static nl.overdracht.delivery.DeliveryFixtures.REGION;
import static nl.overdracht.delivery.DeliveryFixtures.content;
import static nl.overdracht.delivery.DeliveryFixtures.download;
import static nl.overdracht.delivery.DeliveryFixtures.opensslOpen;
import static nl.overdracht.delivery.DeliveryFixtures.receiving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.overdracht.crypto.SigningIdentity;
import nl.overdracht.delivery.DeliveryFixtures.ReceivingSchool;
import nl.overdracht.delivery.DeliveryFixtures.Submitted;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.OpenSsl;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two OSO versions live at once: the standard's own example of each version travels through one
 * running service and arrives in the version it was sent in, and a receiving school gets a version
 * only once its registry entry accepts it.
 */
@QuarkusTest
class OsoVersionsDeliveryTest {

    @Inject
    DeliveryFixtures fixtures;

    @Inject
    SigningIdentity overdracht;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"2019.1, Voorbeelddossier_OV_POVO_full.xml", "2018.1, Voorbeelddossier_OV_POPO_full.xml"})
    void the_standards_example_arrives_exactly_as_sent_in_its_own_version(String version, String example) throws Exception {
        OpenSsl openssl = OpenSsl.require();
        // Given a school that accepts only this version
        ReceivingSchool school = fixtures.receivingSchool(REGION, TestSchools.dutch(), List.of("oso-gegevensset@" + version));

        // When the standard's example of that version is sent to it, and released
        Submitted dossier = submitExample(version, example, school.id());
        fixtures.released(dossier);
        fixtures.awaitState(dossier.id(), "DELIVERABLE");

        // Then it arrives byte for byte, and the manifest and the school's list name its version
        JsonObject envelope = opensslOpen(openssl, dir, download(school.id(), dossier.id()), school.certificate(),
                overdracht.certificate());
        assertThat(content(envelope)).isEqualTo(dossier.body());
        assertThat(envelope.getJsonObject("manifest").getString("profileVersion")).isEqualTo(version);
        receiving(school.id()).queryParam("state", "pending").when().get("/api/v1/deliveries")
                .then().statusCode(200)
                .body("find { it.id == '" + dossier.id() + "' }.profileVersion", equalTo(version));
    }

    @Test
    void a_school_that_does_not_accept_the_version_gets_nothing_until_its_registry_entry_does() throws Exception {
        // Given a school that accepts only OSO 2019.1, with a certificate
        String school = fixtures.receivingSchool(REGION, TestSchools.dutch(), List.of("oso-gegevensset@2019.1")).id();

        // When a 2018.1 dossier for it is released
        Submitted dossier = submitExample("2018.1", "Voorbeelddossier_OV_POPO_opt_out.xml", school);
        fixtures.released(dossier);

        // Then it waits, released but not packaged, while the school's registry entry refuses 2018.1
        assertThat(fixtures.state(dossier.id())).isEqualTo("RELEASED");
        receiving(school).queryParam("state", "all").when().get("/api/v1/deliveries")
                .then().statusCode(200).body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(
                        dossier.id().toString())));

        // And once the school accepts 2018.1 as well, it is packaged in that version
        Transfers.operator(REGION).contentType(ContentType.JSON)
                .body(Map.of("acceptedProfiles", List.of("oso-gegevensset@2019.1", "oso-gegevensset@2018.1")))
                .when().patch("/api/v1/registry/schools/" + school)
                .then().statusCode(200);
        fixtures.awaitState(dossier.id(), "DELIVERABLE");
        receiving(school).queryParam("state", "pending").when().get("/api/v1/deliveries")
                .then().statusCode(200)
                .body("find { it.id == '" + dossier.id() + "' }.profileVersion", equalTo("2018.1"));
    }

    /** The standard's example, sent by a fresh school about a fresh pupil, to {@code receivingSchool}. */
    private static Submitted submitExample(String version, String example, String receivingSchool) {
        String sending = TestSchools.dutch();
        String bsn = Pupils.bsn();
        return DeliveryFixtures.submitOso(sending, Dossiers.osoExample(version, example).sentBy(sending).withBsn(bsn),
                version, receivingSchool, bsn);
    }
}
