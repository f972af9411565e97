package nl.overdracht.profile;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.overdracht.testing.OsoStandard;

/**
 * A running service configured with the official XSD and business-rule XSLT of both OSO versions
 * from the shared folder. When a file is absent nothing is configured (a configured path that does
 * not exist would rightly stop the start), and the tests that use this profile skip.
 */
public class OfficialFilesProfile implements QuarkusTestProfile {

    static final Map<String, String> FILES = Map.of(
            "overdracht.profiles.oso.xsd.2019.1", "OSO_gegevensset_2019.1.xsd",
            "overdracht.profiles.oso.xsd.2018.1", "2018.1/OSO_gegevensset_2018.1.xsd",
            "overdracht.profiles.oso.validation.2019.1", "validation/2019.1/ValideerOverstapprofielen.xsl",
            "overdracht.profiles.oso.validation.2018.1", "2018.1/validation/ValideerOverstapprofielen.xsl");

    @Override
    public Map<String, String> getConfigOverrides() {
        return present() ? configuration() : Map.of();
    }

    static boolean present() {
        return configuration().values().stream().allMatch(path -> Files.isRegularFile(Path.of(path)));
    }

    private static Map<String, String> configuration() {
        Map<String, String> properties = new LinkedHashMap<>();
        FILES.forEach((property, file) -> properties.put(property, OsoStandard.path(file).toString()));
        return properties;
    }
}
