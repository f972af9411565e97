package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import nl.overdracht.testing.Dossiers;
import org.junit.jupiter.api.Test;

class SectionRedactorTest {

    private final SectionRedactor redactor = new SectionRedactor();
    private final DossierInspector inspector = Fixtures.inspector();
    private final Profile oso = Fixtures.CATALOG.find("oso-gegevensset", "2019.1").orElseThrow();
    private final Profile baso = Fixtures.CATALOG.find("vl-baso", "2").orElseThrow();

    @Test
    void osoRedactionRemovesTheCategoryMarksItOptUitAndReinspectsClean() {
        // Given an inspected POVO dossier with onderwijsondersteuning and handelingsplannen
        byte[] content = Dossiers.sample("oso-povo-valid.xml").bytes();

        // When the parents' objection to onderwijsondersteuning is applied
        byte[] redacted = redactor.removeSections(oso, content, Set.of("onderwijsondersteuning"));

        // Then that content is gone, marked OPT-UIT, the handelingsplan stays, and it inspects clean
        String xml = new String(redacted, StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("toelichting_onderwijsbehoeften")
                .contains("<cat_onderwijsondersteuning>OPT-UIT</cat_onderwijsondersteuning>")
                .contains("<handelingsplan>");
        InspectedDossier again = inspector.inspect("application/xml", redacted);
        assertThat(again.sectionsPresent()).contains("handelingsplannen");
    }

    @Test
    void osoRedactionOfBothNestedCategoriesRemovesTheContainer() {
        byte[] redacted = redactor.removeSections(oso, Dossiers.sample("oso-povo-valid.xml").bytes(),
                Set.of("onderwijsondersteuning", "handelingsplannen"));

        String xml = new String(redacted, StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("<onderwijsondersteuning>").doesNotContain("<handelingsplan>")
                .contains("<cat_handelingsplannen>OPT-UIT</cat_handelingsplannen>");
        assertThat(inspector.inspect("application/xml", redacted).sectionsPresent())
                .doesNotContain("onderwijsondersteuning", "handelingsplannen");
    }

    @Test
    void osoRedactionAddsCategorieUitleveringWhenTheDossierHadNone() {
        String withoutBlock = Dossiers.sample("oso-popo-valid.xml").text()
                .replaceAll("(?s)<categorie_uitlevering>.*</categorie_uitlevering>", "");

        byte[] redacted = redactor.removeSections(oso, withoutBlock.getBytes(StandardCharsets.UTF_8), Set.of("verzuim"));

        String xml = new String(redacted, StandardCharsets.UTF_8);
        assertThat(xml).contains("<cat_verzuim>OPT-UIT</cat_verzuim>").contains("<cat_leerling>VERPLICHT</cat_leerling>");
        assertThat(inspector.inspect("application/xml", redacted)).isNotNull();
    }

    @Test
    void aPartialObjectionToThe2018CareCategoryLeavesA2018DossierValidAgainstItsOwnXsd() throws Exception {
        // Given the standard's 2018.1 POPO example, whose zorg block is the zorgenbegeleiding category
        Profile v2018 = Fixtures.CATALOG.find("oso-gegevensset", "2018.1").orElseThrow();
        byte[] example = Dossiers.osoExample("2018.1", "Voorbeelddossier_OV_POPO_full.xml").bytes();
        DossierInspector withXsd = Fixtures.withXsd();

        // When the parents' objection to that category is applied
        byte[] redacted = redactor.removeSections(v2018, example, Set.of("zorgenbegeleiding"));

        // Then the care data is gone, the category marked OPT-UIT, and it stays a valid 2018.1 dossier
        String xml = new String(redacted, StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("<zorg>").doesNotContain("<sefunctioneren>")
                .contains("<cat_zorgenbegeleiding>OPT-UIT</cat_zorgenbegeleiding>");
        InspectedDossier again = withXsd.inspect("application/xml", redacted);
        assertThat(again.profile().version()).isEqualTo("2018.1");
        assertThat(again.sectionsPresent()).doesNotContain("zorgenbegeleiding");
    }

    @Test
    void osoRedactionOfOfficialExampleStaysValidAgainstTheXsd() throws Exception {
        byte[] example = Dossiers.osoExample("2019.1", "Voorbeelddossier_OV_POVO_full.xml").bytes();
        DossierInspector withXsd = Fixtures.withXsd();

        byte[] redacted = redactor.removeSections(oso, example,
                Set.of("onderwijsondersteuning", "toetsresultaten", "bijlagedocs", "verzuim"));

        InspectedDossier again = withXsd.inspect("application/xml", redacted);
        assertThat(again.sectionsPresent()).doesNotContain("onderwijsondersteuning", "toetsresultaten", "bijlagedocs",
                "verzuim");
        assertThat(redacted.length).isLessThan(example.length);
    }

    @Test
    void redactedSampleStaysValidAgainstTheXsd() {
        DossierInspector withXsd = Fixtures.withXsd();

        byte[] redacted = redactor.removeSections(oso, Dossiers.sample("oso-povo-valid.xml").bytes(),
                Set.of("onderwijsondersteuning"));

        assertThat(withXsd.inspect("application/xml", redacted)).isNotNull();
    }

    @Test
    void jsonRedactionDropsTheSectionsAndReinspectsClean() {
        byte[] redacted = redactor.removeSections(baso, Dossiers.sample("vl-baso-v2-valid.json").bytes(),
                Set.of("parentsPart", "languageSupport"));

        InspectedDossier again = inspector.inspect("application/json", redacted);
        assertThat(again.sectionsPresent()).doesNotContain("parentsPart", "languageSupport").contains("verslag");
    }

    @Test
    void mandatoryOrUnknownSectionCannotBeRemoved() {
        byte[] content = Dossiers.sample("vl-baso-v2-valid.json").bytes();
        assertThatThrownBy(() -> redactor.removeSections(baso, content, Set.of("verslag")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mandatory");
        assertThatThrownBy(() -> redactor.removeSections(baso, content, Set.of("nope")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> redactor.removeSections(oso, Dossiers.sample("oso-povo-valid.xml").bytes(), Set.of("leerling")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
