package nl.overdracht.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import nl.overdracht.testing.StartSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check a start runs while its configuration is built: everything missing or invalid named at
 * once, by property, never by value; a complete configuration passes.
 */
class RequiredSettingsTest {

    @TempDir
    Path dir;

    @Test
    void with_nothing_configured_every_required_setting_is_named_at_once() {
        // Given no configuration at all
        // When a start checks it
        List<String> problems = StartSettings.problems(Map.of());

        // Then one problem per required setting (the audience too, which application.properties gives),
        // each naming it and saying it is not set
        List<String> required = new java.util.ArrayList<>(StartSettings.REQUIRED);
        required.add("mp.jwt.verify.audiences");
        assertThat(problems).hasSize(required.size());
        for (String property : required) {
            assertThat(problems).as(property).anyMatch(problem -> problem.startsWith(property + ": not set; "));
        }
    }

    @Test
    void a_complete_configuration_passes() {
        assertThat(StartSettings.problems(StartSettings.complete(dir))).isEmpty();
    }

    @Test
    void an_inline_token_key_does_as_well_as_a_location() {
        Map<String, String> properties = new HashMap<>(StartSettings.complete(dir));
        properties.remove("mp.jwt.verify.publickey.location");
        properties.put("mp.jwt.verify.publickey", "{\"keys\":[]}");

        assertThat(StartSettings.problems(properties)).isEmpty();
    }

    @Test
    void the_migrations_may_have_a_jdbc_url_of_their_own_instead_of_the_datasource_s() {
        Map<String, String> properties = new HashMap<>(StartSettings.complete(dir));
        String url = properties.remove("quarkus.datasource.jdbc.url");
        properties.put("quarkus.flyway.jdbc-url", url);

        assertThat(StartSettings.problems(properties)).isEmpty();
    }

    @Test
    void invalid_values_are_named_together_and_none_is_quoted() {
        // Given a configuration whose every value that can be wrong is wrong, each carrying a marker
        String marker = "s3cr3t";
        Map<String, String> properties = new HashMap<>(StartSettings.complete(dir));
        properties.put("quarkus.datasource.reactive.url", "mysql://u:" + marker + "@db/x");
        properties.put("quarkus.datasource.jdbc.url", "jdbc:mysql://" + marker);
        properties.put("quarkus.flyway.jdbc-url", "postgresql://" + marker);
        properties.put("kafka.bootstrap.servers", "kafka-1:" + marker);
        properties.put("overdracht.crypto.kek.v1", "not base64 " + marker);
        properties.put("overdracht.crypto.kek.v2", StartSettings.key(16));
        properties.put("overdracht.crypto.kek-current", "v3");
        properties.put("overdracht.crypto.blind-index-key", StartSettings.key(16));

        // When a start checks it
        List<String> problems = StartSettings.problems(properties);

        // Then each is named, in one go, and no value is repeated
        assertThat(problems).containsExactlyInAnyOrder(
                "quarkus.datasource.reactive.url: is not a PostgreSQL URL (postgresql://host:port/database)",
                "quarkus.datasource.jdbc.url: is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)",
                "quarkus.flyway.jdbc-url: is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)",
                "kafka.bootstrap.servers: is not a comma-separated list of host:port",
                "overdracht.crypto.kek.v1: is not valid base64",
                "overdracht.crypto.kek.v2: must be base64 of exactly 32 bytes",
                "overdracht.crypto.kek-current: names version v3, which is not configured; configured: v1, v2",
                "overdracht.crypto.blind-index-key: must be base64 of at least 32 bytes");
        assertThat(String.join("\n", problems)).doesNotContain(marker);
    }

    @Test
    void settings_given_as_environment_variables_are_read_as_their_properties() {
        // Given the database, a key-encryption key and an official XSD of a dotted version as environment variables
        Map<String, String> properties = new HashMap<>(StartSettings.complete(dir));
        properties.remove("quarkus.datasource.reactive.url");
        properties.remove("overdracht.crypto.kek.v1");
        properties.remove("overdracht.crypto.kek-current");
        Map<String, String> environment = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://db.example:5432/overdracht",
                "OVERDRACHT_CRYPTO_KEK_V7", StartSettings.key(32),
                "OVERDRACHT_CRYPTO_KEK_CURRENT", "v7",
                "OVERDRACHT_PROFILES_OSO_XSD_2019_1", dir.resolve("absent.xsd").toString());

        // When a start checks them
        List<String> problems = StartSettings.problems(properties, environment);

        // Then they count as given, and a wrong one is named by its property
        assertThat(problems).containsExactly(
                "overdracht.profiles.oso.xsd.2019.1: there is no readable file at " + dir.resolve("absent.xsd"));
    }

    @Test
    void unreadable_files_are_named_with_their_path() {
        Map<String, String> properties = new HashMap<>(StartSettings.complete(dir));
        properties.put("mp.jwt.verify.publickey.location", dir.resolve("absent.pem").toString());
        properties.put("overdracht.signing.private-key", dir.resolve("absent-key.pem").toString());
        properties.put("overdracht.signing.certificate", dir.resolve("signing-key.pem").toString());

        assertThat(StartSettings.problems(properties)).containsExactlyInAnyOrder(
                "mp.jwt.verify.publickey.location: there is no readable file at " + dir.resolve("absent.pem"),
                "overdracht.signing.private-key: there is no readable file at " + dir.resolve("absent-key.pem"),
                "overdracht.signing.certificate: " + dir.resolve("signing-key.pem") + " does not hold a PEM certificate");
    }

    @Test
    void the_other_properties_of_a_namespace_the_check_reads_a_part_of_are_not_unknown() {
        Map<String, String> properties = new HashMap<>(StartSettings.complete(dir));
        properties.put("kafka.security.protocol", "SASL_SSL");
        properties.put("mp.jwt.verify.publickey.algorithm", "RS256");
        properties.put("quarkus.datasource.reactive.max-size", "32");

        assertThat(StartSettings.problems(properties)).isEmpty();
    }

    @Test
    void a_check_that_fails_still_stops_the_start_naming_its_settings() {
        SettingsCheck<Runnable> failing = new SettingsCheck<>() {
            @Override
            public Class<Runnable> settings() {
                return Runnable.class;
            }

            @Override
            public List<SettingProblem> problems(Runnable settings) {
                throw new IllegalStateException("no");
            }
        };
        RequiredSettings validator = new RequiredSettings(ConfigValidator.EMPTY, List.of(failing));

        ConfigValidationException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                ConfigValidationException.class, () -> validator.validateMapping(Runnable.class, "some.prefix", (Runnable) () -> { }));

        assertThat(refused.getProblem(0).getMessage())
                .isEqualTo("some.prefix.*: could not be checked (IllegalStateException)");
    }

    @Test
    void every_checked_mapping_is_built_at_start_whether_or_not_a_bean_injects_it() {
        for (SettingsCheck<?> check : ServiceLoader.load(SettingsCheck.class)) {
            assertThat(check.settings().isAnnotationPresent(Unremovable.class))
                    .as("%s, read by %s, is @Unremovable", check.settings().getName(), check.getClass().getName()).isTrue();
        }
    }
}
