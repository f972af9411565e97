package nl.overdracht.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secured test broker serves its users over SASL_SSL only, with its own certificate authority. */
class SecuredKafkaTest {

    private static final String USER = "overdracht";
    private static final String PASSWORD = BrokerTls.randomSecret();

    @TempDir
    static Path directory;

    private static SecuredKafka kafka;

    @BeforeAll
    static void start() {
        kafka = SecuredKafka.start(directory.resolve("kafka"), Map.of(USER, PASSWORD));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void a_user_with_its_password_produces_and_consumes_over_sasl_ssl() throws Exception {
        Map<String, Object> client = kafka.clientProperties(USER, PASSWORD);

        RoundTrip.write(client, "secured-round-trip", "value");

        assertEquals(List.of("value"), RoundTrip.read(client, "secured-round-trip"));
    }

    @Test
    void a_wrong_password_is_refused_as_an_authentication_failure() {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> describeCluster(kafka.clientProperties(USER, "not-the-password")));

        assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
    }

    @Test
    void a_user_given_a_password_at_the_broker_logs_in_with_it_from_then_on() throws Exception {
        String password = BrokerTls.randomSecret();
        assertThrows(ExecutionException.class, () -> describeCluster(kafka.clientProperties("rotated", password)));

        kafka.setPassword("rotated", password);

        describeCluster(kafka.clientProperties("rotated", password));
    }

    @Test
    void a_client_that_does_not_trust_the_brokers_authority_fails_the_tls_handshake() {
        Map<String, Object> untrusting = new HashMap<>(kafka.clientProperties(USER, PASSWORD));
        untrusting.remove("ssl.truststore.location");
        untrusting.remove("ssl.truststore.type");
        untrusting.remove("ssl.truststore.password");

        ExecutionException refused = assertThrows(ExecutionException.class, () -> describeCluster(untrusting));

        assertInstanceOf(SslAuthenticationException.class, refused.getCause());
    }

    @Test
    void the_client_settings_are_the_documented_kafka_settings_on_loopback() {
        Map<String, String> settings = kafka.clientSettings(USER, PASSWORD);

        assertEquals(List.of("kafka.bootstrap.servers", "kafka.security.protocol", "kafka.sasl.mechanism",
                "kafka.sasl.jaas.config", "kafka.ssl.truststore.location", "kafka.ssl.truststore.type",
                "kafka.ssl.truststore.password"), List.copyOf(settings.keySet()));
        assertTrue(settings.get("kafka.bootstrap.servers").startsWith("127.0.0.1:"));
        assertEquals("SASL_SSL", settings.get("kafka.security.protocol"));
        assertEquals("PKCS12", settings.get("kafka.ssl.truststore.type"));
        assertFalse(kafka.toString().contains(PASSWORD));
    }

    @Test
    void the_stores_are_for_their_owner_only() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kafka.truststore())));
    }

    private static void describeCluster(Map<String, Object> client) throws Exception {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(settings)) {
            admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS);
        }
    }
}
