package nl.overdracht.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The OSO gegevensset standard's own public files (XSDs, validation stylesheets, example dossiers)
 * in the shared folder (system property {@code overdracht.shared.dir}, folder
 * {@code oso-gegevensset}). They are not part of this repository: a test that needs one is
 * skipped, with the reason, where it is absent.
 */
public final class OsoStandard {

    private OsoStandard() {
    }

    /** Where the shared folder would hold {@code relative}, whether or not it does. */
    public static Path path(String relative) {
        return Path.of(System.getProperty("overdracht.shared.dir", ""), "oso-gegevensset").resolve(relative);
    }

    /** The shared OSO folder; the test is skipped where it is absent. */
    public static Path folder() {
        return require("", "the shared OSO gegevensset folder");
    }

    /** The official XSD of an OSO version; the test is skipped where it is absent. */
    public static Path xsd(String version) {
        return require(version.equals("2019.1") ? "OSO_gegevensset_2019.1.xsd"
                : version + "/OSO_gegevensset_" + version + ".xsd", "the OSO " + version + " XSD");
    }

    /** The official business-rule stylesheet of an OSO version; the test is skipped where it is absent. */
    public static Path rules(String version) {
        return require(version.equals("2019.1") ? "validation/2019.1/ValideerOverstapprofielen.xsl"
                : version + "/validation/ValideerOverstapprofielen.xsl", "the OSO " + version + " validation XSLT");
    }

    /** The folder of the standard's example dossiers of an OSO version; the test is skipped where it is absent. */
    public static Path examples(String version) {
        return require(version.equals("2019.1") ? "examples" : version + "/examples", "the OSO " + version + " examples");
    }

    private static Path require(String relative, String what) {
        Path file = path(relative);
        Assumptions.assumeTrue(System.getProperty("overdracht.shared.dir") != null && Files.exists(file),
                () -> "Skipped: " + what + " is absent (" + file + "; system property overdracht.shared.dir)");
        return file;
    }
}
