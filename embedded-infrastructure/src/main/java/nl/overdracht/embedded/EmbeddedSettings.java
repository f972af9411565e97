package nl.overdracht.embedded;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;

/**
 * The embedded run's own settings, read before the rest of the configuration exists.
 *
 * @param dataDirectory where PostgreSQL's data, Kafka's log and the development keys live
 *     ({@code overdracht.embedded.data-dir}, default {@code ~/.overdracht/embedded})
 * @param ephemeral whether the data directory is wiped at start ({@code overdracht.embedded.ephemeral},
 *     default false; the tests set it)
 * @param postgresPort fixed PostgreSQL port, 0 for a free one ({@code overdracht.embedded.postgres-port})
 */
record EmbeddedSettings(Path dataDirectory, boolean ephemeral, int postgresPort) {

    static final String DATA_DIR = "overdracht.embedded.data-dir";
    static final String EPHEMERAL = "overdracht.embedded.ephemeral";
    static final String POSTGRES_PORT = "overdracht.embedded.postgres-port";

    static EmbeddedSettings from(ConfigSourceContext context) {
        String dir = value(context, DATA_DIR);
        String ephemeral = value(context, EPHEMERAL);
        String port = value(context, POSTGRES_PORT);
        return new EmbeddedSettings(
                dir == null ? defaultDataDirectory() : Path.of(dir).toAbsolutePath(),
                Boolean.parseBoolean(ephemeral),
                port == null ? 0 : Integer.parseInt(port));
    }

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
