package nl.overdracht.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded servers start only when no URLs are configured. The order matters: the servers
 * are one per JVM, so the configured case must run while none has been started yet.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedInfrastructureConfigSourceFactoryTest {

    @TempDir
    static Path dataDirectory;

    @Test
    @Order(1)
    void nothing_is_started_when_the_urls_and_keys_are_configured() {
        Map<String, String> configured = new HashMap<>(Map.of(
                EmbeddedSettings.DATA_DIR, dataDirectory.toString(),
                EmbeddedInfrastructureConfigSourceFactory.REACTIVE_URL, "postgresql://db.example:5432/overdracht",
                EmbeddedInfrastructureConfigSourceFactory.KAFKA_SERVERS, "kafka.example:9092",
                EmbeddedInfrastructureConfigSourceFactory.JWT_KEY_LOCATION, "https://idp.example/jwks",
                EmbeddedInfrastructureConfigSourceFactory.KEK_CURRENT, "v7",
                EmbeddedInfrastructureConfigSourceFactory.SIGNING_KEY, "/etc/overdracht/signing.pem"));

        Iterable<ConfigSource> sources = new EmbeddedInfrastructureConfigSourceFactory().getConfigSources(context(configured));

        assertFalse(sources.iterator().hasNext(), "no embedded values are supplied");
        assertFalse(EmbeddedPostgres17.running(), "embedded PostgreSQL was started");
        assertFalse(EmbeddedKafka.running(), "embedded Kafka was started");
    }

    @Test
    @Order(2)
    void postgresql_and_kafka_are_started_and_supplied_when_no_urls_are_configured() throws Exception {
        Iterable<ConfigSource> sources = new EmbeddedInfrastructureConfigSourceFactory()
                .getConfigSources(context(Map.of(EmbeddedSettings.DATA_DIR, dataDirectory.toString())));
        ConfigSource supplied = sources.iterator().next();

        assertTrue(EmbeddedPostgres17.running());
        assertTrue(EmbeddedKafka.running());
        assertEquals(EmbeddedInfrastructureConfigSourceFactory.ORDINAL, supplied.getOrdinal());
        try (Connection connection = DriverManager.getConnection(supplied.getValue("quarkus.datasource.jdbc.url"),
                supplied.getValue("quarkus.datasource.username"), supplied.getValue("quarkus.datasource.password"));
                ResultSet answer = connection.createStatement().executeQuery("SHOW server_version_num")) {
            assertTrue(answer.next());
            assertTrue(answer.getInt(1) >= 170000, "PostgreSQL 17 or newer");
        }
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, supplied.getValue("kafka.bootstrap.servers"));
        try (Admin client = Admin.create(admin)) {
            assertEquals(1, client.describeCluster().nodes().get().size());
        }
        assertTrue(supplied.getValue("mp.jwt.verify.publickey.location").startsWith("file:"));
    }

    private static ConfigSourceContext context(Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = values.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }

            @Override
            public List<String> getProfiles() {
                return List.of();
            }

            @Override
            public List<ConfigSource> getConfigSources() {
                return List.of();
            }
        };
    }
}
