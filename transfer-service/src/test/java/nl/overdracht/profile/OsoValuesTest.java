package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import nl.overdracht.testing.Dossiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the standard says of values and places, checked on every OSO dossier without any official
 * file configured: real dates, plausible ones, codes from their lists, elements where the standard
 * puts them, and only the kinds of transfer the profile carries. Each refusal names the path.
 */
class OsoValuesTest {

    private static final String LEERLING = "/dossier/huidigeschool/leerling";

    private final DossierInspector inspector = Fixtures.inspector();

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "<geboortedatum>2013-05-04</geboortedatum> | <geboortedatum>2013-13-45</geboortedatum> | " + LEERLING + "/geboortedatum | invalid-type",
        "<geboortedatum>2013-05-04</geboortedatum> | <geboortedatum>2013-02-30</geboortedatum> | " + LEERLING + "/geboortedatum | invalid-type",
        "<geboortedatum>2013-05-04</geboortedatum> | <geboortedatum>1850-05-04</geboortedatum> | " + LEERLING + "/geboortedatum | invalid-value",
        "<datum>2024-03-15</datum> | <datum>15-03-2024</datum> | /dossier/metadata/datum | invalid-type",
        "<geslacht>1</geslacht> | <geslacht>7</geslacht> | " + LEERLING + "/geslacht | invalid-code",
        "<jaargroep>8</jaargroep> | <jaargroep>9</jaargroep> | " + LEERLING + "/schoolloopbaanlijst/schoolloopbaan/jaargroep | invalid-code",
        "<advies>40</advies> | <advies>99</advies> | " + LEERLING + "/overstapadvies/advies | invalid-code",
        "<akkoord>Ja</akkoord> | <akkoord>Misschien</akkoord> | /dossier/inzage/akkoord | invalid-code",
        "<inzage>true</inzage> | <inzage>ja</inzage> | /dossier/inzage/inzage | invalid-type",
        "<brincode>99ZZ</brincode> | <brincode>99zz</brincode> | /dossier/huidigeschool/brincode | invalid-value",
        "<roepnaam>Sanne</roepnaam> | <roepnaam></roepnaam> | " + LEERLING + "/roepnaam | invalid-value"})
    void a_value_the_standard_does_not_allow_is_refused_at_its_path_without_the_value(String given, String changed,
            String path, String code) {
        // Given the valid POVO sample with one value changed
        byte[] body = changed(given, changed);

        // When it is inspected without any official file
        DossierRejectedException rejected = rejected(body);

        // Then the element is named with the rule it breaks, and the value appears nowhere
        assertThat(rejected.violations()).extracting(Violation::path, Violation::code).contains(tuple(path, code));
        String bad = changed.replaceAll("<[^>]+>", "");
        if (!bad.isEmpty()) {
            assertThat(rejected.violations()).allSatisfy(v -> assertThat(v.reason()).doesNotContain(bad));
        }
    }

    @Test
    void a_birth_date_in_the_future_is_refused() {
        String tomorrowSomewhere = LocalDate.now(ZoneOffset.ofHours(14)).plusDays(2).toString();

        DossierRejectedException rejected = rejected(changed("<geboortedatum>2013-05-04</geboortedatum>",
                "<geboortedatum>" + tomorrowSomewhere + "</geboortedatum>"));

        assertThat(rejected.violations()).extracting(Violation::path, Violation::code)
                .containsExactly(tuple(LEERLING + "/geboortedatum", "date-in-future"));
    }

    @Test
    void an_element_out_of_the_standards_order_is_refused_at_its_path() {
        // Given geslacht before geboortedatum, where the standard puts geboortedatum first
        byte[] body = changed("<geboortedatum>2013-05-04</geboortedatum>\n      <geslacht>1</geslacht>",
                "<geslacht>1</geslacht>\n      <geboortedatum>2013-05-04</geboortedatum>");

        DossierRejectedException rejected = rejected(body);

        assertThat(rejected.violations()).extracting(Violation::path, Violation::code)
                .containsExactly(tuple(LEERLING + "/geboortedatum", "out-of-order"));
        assertThat(rejected.violations().get(0).reason()).contains("geboortedatum").contains("geslacht");
    }

    @Test
    void an_element_given_twice_where_the_standard_allows_one_is_refused() {
        DossierRejectedException rejected = rejected(changed("<geslacht>1</geslacht>",
                "<geslacht>1</geslacht><geslacht>2</geslacht>"));

        assertThat(rejected.violations()).extracting(Violation::path, Violation::code)
                .containsExactly(tuple(LEERLING + "/geslacht", "repeated"));
    }

    @Test
    void an_element_the_standard_requires_is_named_where_it_belongs_when_missing() {
        DossierRejectedException rejected = rejected(changed("<achternaam>Voorbeeld</achternaam>", ""));

        assertThat(rejected.violations()).extracting(Violation::path, Violation::code)
                .containsExactly(tuple(LEERLING + "/achternaam", "required-missing"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<overdrachtsoort>overdrachtbinnenbrin</overdrachtsoort> | /dossier/overdrachtsoort | BB",
        "<overdrachtsoort>swv-dossier</overdrachtsoort> | /dossier/overdrachtsoort | samenwerkingsverband",
        "<overstap>POSWV</overstap> | /dossier/metadata/overstap | samenwerkingsverband",
        "<overstap>VOMBO</overstap> | /dossier/metadata/overstap | POVO"})
    void a_kind_of_transfer_the_profile_does_not_carry_is_refused_with_the_reason(String changed, String path,
            String reasonMentions) {
        String given = changed.startsWith("<overdrachtsoort>") ? "<overdrachtsoort>overstapdossier</overdrachtsoort>"
                : "<overstap>POVO</overstap>";

        DossierRejectedException rejected = rejected(changed(given, changed));

        assertThat(rejected.violations()).filteredOn(v -> v.code().equals("unsupported-transfer-kind"))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.path()).isEqualTo(path);
                    assertThat(v.reason()).contains(reasonMentions);
                });
    }

    @Test
    void the_official_2018_examples_pass_the_same_checks_in_their_own_version() throws Exception {
        byte[] body = Dossiers.osoExample("2018.1", "Voorbeelddossier_OV_POPO_full.xml").bytes();

        InspectedDossier dossier = inspector.inspect("application/xml", body);

        assertThat(dossier.profile().version()).isEqualTo("2018.1");
        assertThat(dossier.sectionsPresent()).contains("zorgenbegeleiding", "toetsresultaten");
    }

    private static byte[] changed(String given, String changed) {
        String sample = Dossiers.sample("oso-povo-valid.xml").text();
        assertThat(sample).as("the sample holds %s", given).contains(given);
        int at = sample.indexOf(given);
        return (sample.substring(0, at) + changed + sample.substring(at + given.length())).getBytes(StandardCharsets.UTF_8);
    }

    private DossierRejectedException rejected(byte[] body) {
        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/xml", body));
        assertThat(rejected).as("the dossier is refused").isNotNull();
        return rejected;
    }
}
