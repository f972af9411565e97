package nl.overdracht.profile;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The project's own sample dossiers, and the optional shared OSO standard files. */
final class Fixtures {

    static final ProfileCatalog CATALOG = new ProfileCatalog();

    private Fixtures() {
    }

    static byte[] sample(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Path> sharedOso() {
        String dir = System.getProperty("overdracht.shared.dir");
        if (dir == null) {
            return Optional.empty();
        }
        Path oso = Path.of(dir, "oso-gegevensset");
        return Files.isDirectory(oso) ? Optional.of(oso) : Optional.empty();
    }

    /** The shared OSO folder, or the test is skipped with the reason. */
    static Path requireSharedOso() {
        Optional<Path> oso = sharedOso();
        assumeTrue(oso.isPresent(), "Skipped: the shared OSO gegevensset folder (system property "
                + "overdracht.shared.dir) is absent");
        return oso.get();
    }

    /** The official XSD of an OSO version in the shared folder, or the test is skipped with the reason. */
    static Path requireXsd(String version) {
        return requireShared(version.equals("2019.1") ? "OSO_gegevensset_2019.1.xsd"
                : version + "/OSO_gegevensset_" + version + ".xsd", "the OSO " + version + " XSD");
    }

    /** The official business-rule stylesheet of an OSO version in the shared folder, or the test is skipped. */
    static Path requireRules(String version) {
        return requireShared(version.equals("2019.1") ? "validation/2019.1/ValideerOverstapprofielen.xsl"
                : version + "/validation/ValideerOverstapprofielen.xsl", "the OSO " + version + " validation XSLT");
    }

    /** The standard's example dossiers of an OSO version in the shared folder, or the test is skipped. */
    static Path requireExamples(String version) {
        return requireShared(version.equals("2019.1") ? "examples" : version + "/examples", "the OSO " + version + " examples");
    }

    private static Path requireShared(String relative, String what) {
        Path file = requireSharedOso().resolve(relative);
        assumeTrue(Files.exists(file), "Skipped: " + what + " is absent from the shared folder");
        return file;
    }

    static DossierInspector inspector() {
        return DossierInspector.create(CATALOG);
    }

    /** An inspector with the official XSD of each OSO version, or the test is skipped. */
    static DossierInspector withXsd() {
        return DossierInspector.create(CATALOG, Map.of("2019.1", requireXsd("2019.1"), "2018.1", requireXsd("2018.1")),
                Map.of());
    }

    /** An inspector with the official XSD and business rules of each OSO version, or the test is skipped. */
    static DossierInspector withOfficialFiles() {
        return DossierInspector.create(CATALOG, Map.of("2019.1", requireXsd("2019.1"), "2018.1", requireXsd("2018.1")),
                Map.of("2019.1", requireRules("2019.1"), "2018.1", requireRules("2018.1")));
    }
}
