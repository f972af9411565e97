package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OSO standard's own example dossiers, read from the shared folder when it is present. */
class OfficialExamplesTest {


    @ParameterizedTest
    @ValueSource(strings = {"Voorbeelddossier_OV_POPO_full.xml", "Voorbeelddossier_OV_POPO_opt_out.xml",
        "Voorbeelddossier_OV_POVO_full.xml", "Voorbeelddossier_OV_POVO_opt_out.xml"})
    void officialExampleIsAcceptedAndValidAgainstTheXsd(String name) throws IOException {
        // Given the standard's example and the official XSD
        byte[] body = Files.readAllBytes(Fixtures.requireSharedOso().resolve("examples").resolve(name));
        DossierInspector withXsd = DossierInspector.create(Fixtures.CATALOG, Optional.of(Fixtures.requireXsd()));

        // When it is inspected
        InspectedDossier dossier = withXsd.inspect("application/xml", body);

        // Then it passes, with its transfer kind
        assertThat(dossier.transferKind()).contains(name.contains("POVO") ? "POVO" : "POPO");
        assertThat(dossier.inspection().orElseThrow().inspected()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Voorbeelddossier_OV_POVO_full.xml", "Voorbeelddossier_OV_POPO_full.xml"})
    void exampleWithDataInAVerbodenCategoryIsRejectedNamingIt(String name) throws IOException {
        // Given a copy in which the filled toetsresultaten category is marked VERBODEN
        String body = Files.readString(Fixtures.requireSharedOso().resolve("examples").resolve(name), StandardCharsets.UTF_8)
                .replace("<cat_toetsresultaten>OPTIONEEL</cat_toetsresultaten>",
                        "<cat_toetsresultaten>VERBODEN</cat_toetsresultaten>");

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> Fixtures.inspector().inspect("application/xml", body.getBytes(StandardCharsets.UTF_8)));

        assertThat(rejected.violations()).extracting(Violation::path)
                .containsExactly("/dossier/huidigeschool/leerling/toetslijst");
        assertThat(rejected.violations().get(0).reason()).contains("cat_toetsresultaten").contains("VERBODEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oso-povo-valid.xml", "oso-popo-valid.xml", "oso-vovo-valid.xml"})
    void projectSamplesAreValidAgainstTheOfficialXsd(String sample) {
        Path xsd = Fixtures.requireXsd();
        DossierInspector withXsd = DossierInspector.create(Fixtures.CATALOG, Optional.of(xsd));

        assertThat(withXsd.inspect("application/xml", Fixtures.sample(sample))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {20_000, 175_000})
    void generatedDossierOfBenchmarkSizeIsValidAgainstTheOfficialXsd(int size) {
        DossierInspector withXsd = DossierInspector.create(Fixtures.CATALOG, Optional.of(Fixtures.requireXsd()));

        assertThat(withXsd.inspect("application/xml", SampleDossiers.osoOfSize(size))).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void dossierBreakingTheXsdIsRejectedWithPositionsOnly() {
        DossierInspector withXsd = DossierInspector.create(Fixtures.CATALOG, Optional.of(Fixtures.requireXsd()));
        String body = new String(Fixtures.sample("oso-povo-valid.xml"), StandardCharsets.UTF_8)
                .replace("<datum>2024-03-15</datum>", "<datum>geheime-datum</datum>");

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> withXsd.inspect("application/xml", body.getBytes(StandardCharsets.UTF_8)));

        assertThat(rejected.violations()).extracting(Violation::code).containsOnly("xsd-invalid");
        assertThat(rejected.violations().toString()).doesNotContain("geheime");
    }

}
