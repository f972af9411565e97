package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.overdracht.testing.Dossiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlHardeningTest {

    private final DossierInspector inspector = Fixtures.inspector();

    @Test
    void externalEntityIsRefusedAsMalformedAndTheFileIsNotRead(@TempDir Path dir) throws Exception {
        // Given a dossier whose entity points at a local secret file
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String body = Dossiers.sample("oso-malformed-xxe.xml").text()
                .replace("file:///etc/passwd", secret.toUri().toString());

        // When / Then it is refused before anything is resolved, and nothing of the file shows
        assertThatThrownBy(() -> inspector.inspect("application/xml", body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedDossierException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void billionLaughsIsRefusedAsMalformed() {
        assertThatThrownBy(() -> inspector.inspect("application/xml", Dossiers.sample("oso-malformed-entity-expansion.xml").bytes()))
                .isInstanceOf(MalformedDossierException.class)
                .hasMessageNotContaining("lol");
    }

    @Test
    void redactorAlsoRefusesADoctype() {
        Profile oso = Fixtures.CATALOG.find("oso-gegevensset", "2019.1").orElseThrow();
        assertThatThrownBy(() -> new SectionRedactor().removeSections(oso,
                Dossiers.sample("oso-malformed-xxe.xml").bytes(), java.util.Set.of("verzuim")))
                .isInstanceOf(MalformedDossierException.class);
    }

    @Test
    void tooDeepNestingIsRefusedAsMalformed() {
        assertThatThrownBy(() -> inspector.inspect("application/xml", Dossiers.sample("oso-malformed-too-deep.xml").bytes()))
                .isInstanceOf(MalformedDossierException.class)
                .hasMessageContaining("deeper");
    }

    @Test
    void notWellFormedXmlIsMalformedWithAPositionOnly() {
        byte[] body = "<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><metadata>Geheim"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> inspector.inspect("application/xml", body))
                .isInstanceOf(MalformedDossierException.class)
                .hasMessageNotContaining("Geheim");
    }

    @Test
    void xmlOfAnotherNamespaceIsUnsupported() {
        byte[] body = "<dossier xmlns=\"urn:other\"/>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> inspector.inspect("application/xml", body))
                .isInstanceOf(UnsupportedDossierFormatException.class);
    }

    @Test
    void otherMediaTypesAreUnsupported() {
        assertThatThrownBy(() -> inspector.inspect("text/plain", new byte[] {1}))
                .isInstanceOf(UnsupportedDossierFormatException.class);
        assertThatThrownBy(() -> inspector.inspect(null, new byte[] {1}))
                .isInstanceOf(UnsupportedDossierFormatException.class);
    }

    @Test
    void bodyLargerThanAnyProfileAllowsIsTooLarge() {
        byte[] body = new byte[(int) Fixtures.CATALOG.maxBodyBytes() + 1];
        assertThatThrownBy(() -> inspector.inspect("application/xml", body))
                .isInstanceOf(DossierTooLargeException.class);
    }

    @Test
    void tooManyElementsIsRefusedAsMalformed() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 210_000; i++) {
            many.append("<a/>");
        }
        String body = Dossiers.sample("oso-povo-valid.xml").text()
                .replace("<roepnaam>Sanne</roepnaam>", "<roepnaam>Sanne</roepnaam><x>" + many + "</x>");
        assertThatThrownBy(() -> inspector.inspect("application/xml", body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedDossierException.class)
                .hasMessageContaining("elements");
    }
}
