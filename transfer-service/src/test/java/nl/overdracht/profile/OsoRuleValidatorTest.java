package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import nl.overdracht.testing.Dossiers;
import org.junit.jupiter.api.Test;

/**
 * How the meldingen of a business-rule stylesheet become a verdict: errors refuse, warnings travel in
 * the answer, a message is passed on only as the stylesheet holds it literally, and a location
 * becomes an element path. Runs on stylesheets the project wrote, so it needs no shared files.
 */
class OsoRuleValidatorTest {

    private static final OsoElements ELEMENTS = Fixtures.CATALOG.find("oso-gegevensset", "2019.1").orElseThrow()
            .oso().orElseThrow().elements();

    @Test
    void a_warning_does_not_refuse_the_dossier_and_is_returned_with_its_rule_code_message_and_path() {
        DossierInspector inspector = DossierInspector.create(Fixtures.CATALOG, Map.of(),
                Map.of("2019.1", stylesheet("warns.xsl")));

        InspectedDossier dossier = inspector.inspect("application/xml", Dossiers.sample("oso-povo-valid.xml").bytes());

        assertThat(dossier.warnings()).containsExactly(new Violation("/dossier/huidigeschool/leerling/roepnaam", "TST.RN01",
                "Een roepnaam wordt alleen doorgegeven als de leerling die zelf gebruikt."));
    }

    @Test
    void a_message_the_stylesheet_does_not_hold_literally_is_never_passed_on() {
        DossierInspector inspector = DossierInspector.create(Fixtures.CATALOG, Map.of(),
                Map.of("2019.1", stylesheet("quotes-the-dossier.xsl")));

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/xml", Dossiers.sample("oso-povo-valid.xml").bytes()));

        assertThat(rejected.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("/dossier/huidigeschool/leerling/achternaam");
            assertThat(v.reason()).doesNotContain("Voorbeeld").contains("business rule");
        });
    }

    @Test
    void a_location_becomes_the_element_path_shortened_to_an_element_of_the_profile() {
        assertThat(OsoRuleValidator.pathOf("/dossier[1]/huidigeschool[1]/leerling[1]/verzorger[2]/geslacht[1]",
                Optional.empty(), ELEMENTS)).isEqualTo("/dossier/huidigeschool/leerling/verzorger/geslacht");
        assertThat(OsoRuleValidator.pathOf("/dossier[1]/huidigeschool[1]/leerling[1]/geheimveld[1]", Optional.empty(),
                ELEMENTS)).isEqualTo("/dossier/huidigeschool/leerling");
        assertThat(OsoRuleValidator.pathOf("/[1]", Optional.of("cat_verzuim"), ELEMENTS))
                .isEqualTo("/dossier/metadata/categorie_uitlevering/cat_verzuim");
        assertThat(OsoRuleValidator.pathOf("/[1]", Optional.empty(), ELEMENTS)).isEqualTo("/dossier");
        assertThat(OsoRuleValidator.pathOf("ergens 'Sanne'", Optional.empty(), ELEMENTS)).isEqualTo("/dossier");
    }

    static Path stylesheet(String name) {
        try {
            return Path.of(OsoRuleValidatorTest.class.getClassLoader().getResource("oso-rules/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
