package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import nl.overdracht.testing.OsoStandard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The element data of each OSO profile version is what the standard's own XSD and validation XSLT
 * say. With {@code -Doverdracht.profiles.regenerate=true} the test rewrites the files instead:
 * {@code ./mvnw -pl transfer-service -am test -Dtest=OsoElementDataTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Doverdracht.profiles.regenerate=true}.
 */
class OsoElementDataTest {

    private static final Path PROFILES = Path.of("..", "schema", "src", "main", "resources", "profiles", "oso-gegevensset");

    @ParameterizedTest
    @CsvSource({
        "2019.1, OSO_gegevensset_2019.1.xsd, validation/2019.1/include/ValideerOSOgegevensset_2019.1.xsl",
        "2018.1, 2018.1/OSO_gegevensset_2018.1.xsd, 2018.1/validation/include/ValideerOSOgegevensset_2018.1.xsl"})
    void the_element_data_is_derived_from_the_standards_xsd_and_code_lists(String version, String xsd, String codeLists)
            throws IOException {
        // Given the standard's public files of this version
        Path shared = OsoStandard.folder();

        // When the element data is derived from them
        ObjectNode derived = OsoElementDataGenerator.generate(shared.resolve(xsd), shared.resolve(codeLists),
                "Derived from " + Path.of(xsd).getFileName() + " and " + Path.of(codeLists).getFileName()
                        + " (public files of the OSO gegevensset standard) by OsoElementDataGenerator; do not edit by hand.");
        if (Boolean.getBoolean("overdracht.profiles.regenerate")) {
            Files.writeString(PROFILES.resolve(version + ".elements.json"), OsoElementDataGenerator.write(derived),
                    StandardCharsets.UTF_8);
        }

        // Then the committed file says exactly that (compared as parsed, so number types agree)
        assertThat(committed(version)).isEqualTo(new ObjectMapper().readTree(OsoElementDataGenerator.write(derived)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019.1", "2018.1"})
    void every_element_of_the_xsd_is_whitelisted_in_exactly_one_section(String version) throws IOException {
        Profile profile = Fixtures.CATALOG.find("oso-gegevensset", version).orElseThrow();
        Set<String> elementPaths = new HashSet<>();
        committed(version).get("elements").fieldNames().forEachRemaining(elementPaths::add);

        Set<String> whitelisted = new HashSet<>();
        profile.sections().forEach(s -> whitelisted.addAll(profile.whitelist().pathsOf(s.name())));

        assertThat(whitelisted).isEqualTo(elementPaths);
    }

    private static JsonNode committed(String version) throws IOException {
        try (InputStream in = OsoElementDataTest.class.getClassLoader()
                .getResourceAsStream("profiles/oso-gegevensset/" + version + ".elements.json")) {
            return in == null ? new ObjectMapper().createObjectNode() : new ObjectMapper().readTree(in);
        }
    }
}
