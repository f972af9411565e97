package nl.overdracht.profile;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static Path requireXsd() {
        Path xsd = requireSharedOso().resolve("OSO_gegevensset_2019.1.xsd");
        assumeTrue(Files.isRegularFile(xsd), "Skipped: the OSO XSD is absent from the shared folder");
        return xsd;
    }

    static DossierInspector inspector() {
        return DossierInspector.create(CATALOG, Optional.empty());
    }
}
