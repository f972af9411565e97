package nl.overdracht.embedded;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;

/**
 * The embedded run's own settings ({@link EmbeddedConfig}), read before the rest of the configuration exists.
 *
 * @param dataDirectory where PostgreSQL's data, Kafka's log and the development keys live, absolute
 * @param ephemeral whether the data directory is wiped at start
 * @param postgresPort fixed PostgreSQL port, 0 for a free one
 */
record EmbeddedSettings(Path dataDirectory, boolean ephemeral, int postgresPort) {

    static final String DATA_DIR = "overdracht.embedded.data-dir";

    static EmbeddedSettings from(EmbeddedConfig config) {
        return new EmbeddedSettings(config.dataDir().toAbsolutePath(), config.ephemeral(), config.postgresPort());
    }

    /** {@link EmbeddedConfig#dataDir()}'s default, for the tools that run without configuration. */
    static Path defaultDataDirectory() {
        return Path.of(System.getProperty("user.home"), ".overdracht", "embedded");
    }

    static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }

    Path postgresDirectory() {
        return dataDirectory.resolve("postgresql");
    }

    Path kafkaDirectory() {
        return dataDirectory.resolve("kafka");
    }

    Path keyDirectory() {
        return dataDirectory.resolve("keys");
    }
}
