package nl.overdracht.profile;

import java.util.Map;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.OsoStandard;

/**
 * Inspectors over the project's profile catalogue, with or without the OSO standard's own files.
 * Dossiers come from {@link nl.overdracht.testing.Dossiers}, the standard's files from {@link OsoStandard}.
 */
final class Fixtures {

    static final ProfileCatalog CATALOG = new ProfileCatalog();

    private Fixtures() {
    }

    static DossierInspector inspector() {
        return DossierInspector.create(CATALOG);
    }

    /** An inspector with the official XSD of each OSO version, or the test is skipped. */
    static DossierInspector withXsd() {
        return DossierInspector.create(CATALOG, Map.of("2019.1", OsoStandard.xsd("2019.1"), "2018.1",
                OsoStandard.xsd("2018.1")), Map.of());
    }

    /** An inspector with the official XSD and business rules of each OSO version, or the test is skipped. */
    static DossierInspector withOfficialFiles() {
        return DossierInspector.create(CATALOG, Map.of("2019.1", OsoStandard.xsd("2019.1"), "2018.1",
                OsoStandard.xsd("2018.1")), Map.of("2019.1", OsoStandard.rules("2019.1"), "2018.1",
                OsoStandard.rules("2018.1")));
    }
}
