package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nl.overdracht.testing.OsoStandard;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official files are read from configuration once, at start: a path that does not exist or a
 * file that does not compile stops the start with one message naming the property.
 */
class OsoStandardFilesTest {

    @TempDir
    Path dir;

    @Test
    void a_validation_path_that_does_not_exist_stops_the_start_naming_the_property() {
        ConfigurationException refused = refused(Map.of("overdracht.profiles.oso.validation.2019.1",
                dir.resolve("ValideerOverstapprofielen.xsl").toString()));

        assertThat(refused.getMessage()).startsWith("overdracht.profiles.oso.validation.2019.1: ").contains("no readable file");
        assertThat(refused.getConfigKeys()).containsExactly("overdracht.profiles.oso.validation.2019.1");
    }

    @Test
    void a_stylesheet_that_does_not_compile_stops_the_start_naming_the_property() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.xsl"), "<xsl:stylesheet version=\"2.0\" "
                + "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template match=\"/\">"
                + "<xsl:call-template name=\"melding\"><xsl:with-param name=\"tekst\">x</xsl:with-param>"
                + "</xsl:call-template></xsl:template></xsl:stylesheet>");

        ConfigurationException refused = refused(Map.of("overdracht.profiles.oso.validation.2018.1", broken.toString()));

        assertThat(refused.getMessage()).startsWith("overdracht.profiles.oso.validation.2018.1: ").contains("does not compile");
    }

    @Test
    void an_xsd_that_does_not_compile_stops_the_start_naming_the_property() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.xsd"),
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"a\" type=\"geen\"/></xs:schema>");

        ConfigurationException refused = refused(Map.of("overdracht.profiles.oso.xsd.2019.1", broken.toString()));

        assertThat(refused.getMessage()).startsWith("overdracht.profiles.oso.xsd.2019.1: ").contains("does not compile");
    }

    @Test
    void a_version_that_is_not_live_stops_the_start_naming_the_property() {
        ConfigurationException refused = refused(Map.of("overdracht.profiles.oso.xsd.2020.1", "/tmp/x.xsd"));

        assertThat(refused.getMessage()).startsWith("overdracht.profiles.oso.xsd.2020.1 ").contains("2018.1, 2019.1");
    }

    @Test
    void the_retired_single_xsd_path_stops_the_start_saying_what_replaces_it() {
        ConfigurationException refused = refused(Map.of("overdracht.profiles.oso.xsd-path", "/tmp/x.xsd"));

        assertThat(refused.getMessage()).startsWith("overdracht.profiles.oso.xsd-path ")
                .contains("overdracht.profiles.oso.xsd.<version>");
    }

    @Test
    void the_shared_official_files_compile_for_both_versions() {
        Map<String, OsoStandardFiles> files = OsoStandardFiles.fromConfig(config(Map.of(
                "overdracht.profiles.oso.xsd.2019.1", OsoStandard.xsd("2019.1").toString(),
                "overdracht.profiles.oso.xsd.2018.1", OsoStandard.xsd("2018.1").toString(),
                "overdracht.profiles.oso.validation.2019.1", OsoStandard.rules("2019.1").toString(),
                "overdracht.profiles.oso.validation.2018.1", OsoStandard.rules("2018.1").toString())), Fixtures.CATALOG);

        assertThat(files).containsOnlyKeys("2018.1", "2019.1");
        assertThat(files.values()).allSatisfy(f -> {
            assertThat(f.xsd()).isPresent();
            assertThat(f.rules()).isPresent();
        });
    }

    @Test
    void without_any_file_configured_every_version_runs_on_its_profile_data_alone() {
        assertThat(OsoStandardFiles.fromConfig(config(Map.of()), Fixtures.CATALOG).values())
                .allSatisfy(f -> assertThat(f.any()).isFalse());
    }

    private static ConfigurationException refused(Map<String, String> properties) {
        ConfigurationException refused = catchThrowableOfType(ConfigurationException.class,
                () -> OsoStandardFiles.fromConfig(config(properties), Fixtures.CATALOG));
        assertThat(refused).as("the start is stopped").isNotNull();
        return refused;
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 400)).build();
    }
}
