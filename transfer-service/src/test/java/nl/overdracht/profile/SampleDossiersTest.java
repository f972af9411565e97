package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleDossiersTest {

    @ParameterizedTest
    @ValueSource(ints = {20_000, 175_000})
    void generatedDossierHasAboutTheAskedSizeAndInspectsClean(int size) {
        byte[] body = SampleDossiers.osoOfSize(size);

        assertThat(body.length).isBetween((int) (size * 0.95), (int) (size * 1.05));
        InspectedDossier dossier = Fixtures.inspector().inspect("application/xml", body);
        assertThat(dossier.sectionsPresent()).contains("bijlagedocs");
    }
}
