package nl.overdracht.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two OSO versions in one running service, without any official file configured: both are listed
 * and accepted, each keeps its version, and values and places the standard does not allow are
 * refused naming the path.
 */
@QuarkusTest
class OsoVersionsApiTest {

    private static final String DOSSIERS = "/api/v1/dossiers";

    @Inject
    Pool pool;

    @Test
    void the_profiles_list_both_oso_versions_with_the_transfer_kinds_they_carry() {
        sending(TestSchools.dutch()).when().get("/api/v1/profiles")
                .then().statusCode(200)
                .body("find { it.id == 'oso-gegevensset' }.versions.version", contains("2018.1", "2019.1"))
                .body("find { it.id == 'oso-gegevensset' }.versions[0].transferKinds", contains("POPO", "POVO", "VOVO"))
                .body("find { it.id == 'oso-gegevensset' }.versions[0].sections.name", hasItem("zorgenbegeleiding"))
                .body("find { it.id == 'oso-gegevensset' }.versions[1].sections.name", hasItem("onderwijsondersteuning"))
                .body("find { it.id == 'oso-gegevensset' }.versions[1].forbidden.kind",
                        hasItems("transfer kind overdrachtbinnenbrin", "transfer kind swv-dossier"));
    }

    @ParameterizedTest
    @CsvSource({
        "2019.1, Voorbeelddossier_OV_POPO_full.xml", "2019.1, Voorbeelddossier_OV_POPO_opt_out.xml",
        "2019.1, Voorbeelddossier_OV_POVO_full.xml", "2019.1, Voorbeelddossier_OV_POVO_opt_out.xml",
        "2018.1, Voorbeelddossier_OV_POPO_full.xml", "2018.1, Voorbeelddossier_OV_POPO_opt_out.xml"})
    void the_standards_examples_of_both_versions_are_accepted_each_in_its_own_version(String version, String example) {
        String school = TestSchools.dutch();

        sending(school).contentType("application/xml").body(example(version, example, school))
                .when().post(DOSSIERS)
                .then().statusCode(201)
                .body("profile", equalTo("oso-gegevensset"))
                .body("profileVersion", equalTo(version))
                .body("$", not(org.hamcrest.Matchers.hasKey("warnings")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Voorbeelddossier_OV_POVO_full.xml", "Voorbeelddossier_OV_POVO_opt_out.xml"})
    void the_2018_povo_examples_are_accepted_without_the_vve_data_their_own_marks_forbid(String example) {
        String school = TestSchools.dutch();
        byte[] body = example("2018.1", example, school);

        sending(school).contentType("application/xml").body(body)
                .when().post(DOSSIERS)
                .then().statusCode(201)
                .body("profileVersion", equalTo("2018.1"))
                .body("warnings.pointer", contains("/dossier/huidigeschool/leerling/vanpeuterspeelzaal",
                        "/dossier/huidigeschool/leerling/naampeuterspeelzaal"))
                .body("warnings.code", contains("removed-forbidden-data", "removed-forbidden-data"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "<geboortedatum>2013-05-04</geboortedatum> | <geboortedatum>2013-13-45</geboortedatum> | /dossier/huidigeschool/leerling/geboortedatum | invalid-type",
        "<geslacht>1</geslacht> | <geslacht>7</geslacht> | /dossier/huidigeschool/leerling/geslacht | invalid-code",
        "<roepnaam>Sanne</roepnaam> <geboortedatum>2013-05-04</geboortedatum> | <geboortedatum>2013-05-04</geboortedatum> <roepnaam>Sanne</roepnaam> | /dossier/huidigeschool/leerling/roepnaam | out-of-order",
        "<overdrachtsoort>overstapdossier</overdrachtsoort> | <overdrachtsoort>overdrachtbinnenbrin</overdrachtsoort> | /dossier/overdrachtsoort | unsupported-transfer-kind"})
    void a_value_or_place_the_standard_does_not_allow_is_422_naming_the_path_and_nothing_is_stored(String given,
            String changed, String pointer, String code) {
        String school = TestSchools.dutch();
        // white space between elements is insignificant: the sample's is made single spaces to match
        String dossier = Dossiers.oso("POVO", Pupils.bsn(), school).text().replaceAll(">\\s+<", "> <");
        assertThat(dossier).contains(given);

        sending(school).contentType("application/xml").body(dossier.replace(given, changed).getBytes(StandardCharsets.UTF_8))
                .when().post(DOSSIERS)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/dossier-rejected"))
                .body("errors.find { it.code == '" + code + "' }.pointer", equalTo(pointer));

        assertThat(Transfers.dossierCount(pool, school)).isZero();
    }

    /** The standard's example, sent by {@code school} about a fresh pupil. */
    private static byte[] example(String version, String example, String school) {
        return Dossiers.osoExample(version, example).sentBy(school).withBsn(Pupils.bsn()).bytes();
    }

    private static RequestSpecification sending(String school) {
        return Transfers.as(school, Roles.SENDING_SCHOOL);
    }
}
