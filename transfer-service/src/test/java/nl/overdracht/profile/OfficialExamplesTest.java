package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import nl.overdracht.testing.Dossiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The OSO standard's own example dossiers, read from the shared folder when it is present. */
class OfficialExamplesTest {


    @ParameterizedTest
    @CsvSource({
        "2019.1, Voorbeelddossier_OV_POPO_full.xml", "2019.1, Voorbeelddossier_OV_POPO_opt_out.xml",
        "2019.1, Voorbeelddossier_OV_POVO_full.xml", "2019.1, Voorbeelddossier_OV_POVO_opt_out.xml",
        "2018.1, Voorbeelddossier_OV_POPO_full.xml", "2018.1, Voorbeelddossier_OV_POPO_opt_out.xml"})
    void officialExampleIsAcceptedInItsOwnVersionAndValidAgainstItsXsd(String version, String name) throws IOException {
        // Given the standard's example of this version and the official XSD of each version
        byte[] body = Dossiers.osoExample(version, name).bytes();
        DossierInspector withXsd = Fixtures.withXsd();

        // When it is inspected
        InspectedDossier dossier = withXsd.inspect("application/xml", body);

        // Then it passes as the version it was written in, with its transfer kind
        assertThat(dossier.profile().version()).isEqualTo(version);
        assertThat(dossier.transferKind()).contains(name.contains("POVO") ? "POVO" : "POPO");
        assertThat(dossier.inspection().orElseThrow().inspected()).isTrue();
        assertThat(dossier.warnings()).isEmpty();
    }

    /**
     * The 2018.1 POVO examples name a peuterspeelzaal while their own categorie_uitlevering marks VVE
     * VERBODEN; the 2018.1 validation XSLT did not check VERBODEN categories yet (2019.1's does, and
     * its examples no longer carry that data). Version 2018.1 therefore accepts such a dossier as the
     * standard does, but removes the data first (profile {@code removedMarks}), naming each removed
     * element in a warning: data the dossier itself marks VERBODEN is never stored.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Voorbeelddossier_OV_POVO_full.xml", "Voorbeelddossier_OV_POVO_opt_out.xml"})
    void the2018PovoExamplesPassWithoutTheVveDataTheirOwnMarksForbidAndAWarningNamingIt(String name) throws IOException {
        byte[] example = Dossiers.osoExample("2018.1", name).bytes();

        InspectedDossier dossier = Fixtures.withXsd().inspect("application/xml", example);

        assertThat(dossier.profile().version()).isEqualTo("2018.1");
        assertThat(dossier.warnings()).extracting(Violation::path, Violation::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/dossier/huidigeschool/leerling/vanpeuterspeelzaal",
                        Violation.REMOVED_FORBIDDEN_DATA),
                org.assertj.core.groups.Tuple.tuple("/dossier/huidigeschool/leerling/naampeuterspeelzaal",
                        Violation.REMOVED_FORBIDDEN_DATA));
        assertThat(dossier.warnings().get(0).reason()).contains("cat_vve").contains("VERBODEN");
        String stored = new String(dossier.content(), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain("peuterspeelzaal").contains("<cat_vve>VERBODEN</cat_vve>");
        assertThat(dossier.sectionsPresent()).doesNotContain("vve");
        // and what is stored is itself a valid 2018.1 dossier without any warning
        assertThat(Fixtures.withXsd().inspect("application/xml", dossier.content()).warnings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Voorbeelddossier_OV_POVO_full.xml", "Voorbeelddossier_OV_POPO_full.xml"})
    void exampleWithDataInAVerbodenCategoryIsRejectedNamingIt(String name) throws IOException {
        // Given a copy in which the filled toetsresultaten category is marked VERBODEN
        byte[] body = Dossiers.osoExample("2019.1", name).replace("<cat_toetsresultaten>OPTIONEEL</cat_toetsresultaten>",
                        "<cat_toetsresultaten>VERBODEN</cat_toetsresultaten>").bytes();

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> Fixtures.inspector().inspect("application/xml", body));

        assertThat(rejected.violations()).extracting(Violation::path)
                .containsExactly("/dossier/huidigeschool/leerling/toetslijst");
        assertThat(rejected.violations().get(0).reason()).contains("cat_toetsresultaten").contains("VERBODEN");
    }

    @org.junit.jupiter.api.Test
    void aValueTheBusinessRulesCannotEvaluateIsNamedAtItsPathAndTheRulesAreSaidNotToHaveRun() throws IOException {
        // Given the POVO example whose inzage is no boolean, which the stylesheet casts to one
        byte[] body = Dossiers.osoExample("2019.1", "Voorbeelddossier_OV_POVO_full.xml")
                .replace("<inzage>true</inzage>", "<inzage>misschien</inzage>").bytes();
        DossierInspector withFiles = Fixtures.withOfficialFiles();

        // When it is inspected with the official files
        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> withFiles.inspect("application/xml", body));

        // Then a refusal (never an error of the service) names the element, says the rules could not
        // run, and quotes nothing of the stylesheet's own error, which quotes the value
        assertThat(rejected.violations()).extracting(Violation::path, Violation::code).contains(
                org.assertj.core.groups.Tuple.tuple("/dossier/inzage/inzage", "invalid-type"),
                org.assertj.core.groups.Tuple.tuple("/dossier", "rules-not-evaluated"));
        assertThat(rejected.violations().toString()).doesNotContain("misschien");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oso-povo-valid.xml", "oso-popo-valid.xml", "oso-vovo-valid.xml"})
    void projectSamplesAreValidAgainstTheOfficialXsd(String sample) {
        DossierInspector withXsd = Fixtures.withXsd();

        assertThat(withXsd.inspect("application/xml", Dossiers.sample(sample).bytes())).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {20_000, 175_000})
    void generatedDossierOfBenchmarkSizeIsValidAgainstTheOfficialXsd(int size) {
        DossierInspector withXsd = Fixtures.withXsd();

        assertThat(withXsd.inspect("application/xml", Dossiers.osoOfSize(size).bytes())).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void anImpossibleValueIsNamedAtItsElementOnceWithoutTheValue() {
        DossierInspector withXsd = Fixtures.withXsd();
        String body = Dossiers.sample("oso-povo-valid.xml").text()
                .replace("<datum>2024-03-15</datum>", "<datum>geheime-datum</datum>");

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> withXsd.inspect("application/xml", body.getBytes(StandardCharsets.UTF_8)));

        assertThat(rejected.violations()).extracting(Violation::path, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/dossier/metadata/datum", "invalid-type"));
        assertThat(rejected.violations().toString()).doesNotContain("geheime");
    }

    @org.junit.jupiter.api.Test
    void anXsdErrorIsNamedByTheElementsPathAndTheXsdRuleNeverByLineOrValue() {
        // Given an attribute the whitelist allows but the XSD does not declare on this element
        DossierInspector withXsd = Fixtures.withXsd();
        String body = Dossiers.sample("oso-povo-valid.xml").text()
                .replaceFirst("<achternaam>Voorbeeld</achternaam>", "<achternaam omschrijving=\"geheim\">Voorbeeld</achternaam>");

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> withXsd.inspect("application/xml", body.getBytes(StandardCharsets.UTF_8)));

        assertThat(rejected.violations()).extracting(Violation::path, Violation::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/dossier/huidigeschool/leerling/achternaam", "xsd-invalid"));
        assertThat(rejected.violations().get(0).reason()).contains("cvc-").doesNotContain("line").doesNotContain("geheim");
    }

}
