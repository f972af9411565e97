package nl.overdracht.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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

    /**
     * JUnit deletes the directory after this class; a broker whose log directory disappears halts
     * its process (here the tests'), as a real one would. PostgreSQL, a process of its own, is
     * stopped when the JVM exits.
     */
    @AfterAll
    static void stopKafka() {
        EmbeddedKafka.stop();
    }

    @Test
    @Order(0)
    void nothing_is_started_or_supplied_when_switched_off_though_nothing_is_configured() {
        Iterable<ConfigSource> sources = new EmbeddedInfrastructureConfigSourceFactory().getConfigSources(context(Map.of(
                EmbeddedSettings.DATA_DIR, dataDirectory.toString(), "overdracht.embedded.enabled", "false")));

        assertFalse(sources.iterator().hasNext(), "no embedded values are supplied");
        assertFalse(EmbeddedPostgres17.running(), "embedded PostgreSQL was started");
        assertFalse(EmbeddedKafka.running(), "embedded Kafka was started");
        assertFalse(Files.exists(dataDirectory.resolve("keys")), "development keys were made");
    }

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
        assertEquals(DatabaseRoles.APP, supplied.getValue("quarkus.datasource.username"));
        assertEquals(DatabaseRoles.OWNER, supplied.getValue("quarkus.flyway.username"));
        try (Connection connection = DriverManager.getConnection(supplied.getValue("quarkus.datasource.jdbc.url"),
                supplied.getValue("quarkus.datasource.username"), supplied.getValue("quarkus.datasource.password"));
                ResultSet answer = connection.createStatement().executeQuery(
                        "SELECT current_setting('server_version_num')::int, current_user, current_database()")) {
            assertTrue(answer.next());
            assertTrue(answer.getInt(1) >= 170000, "PostgreSQL 17 or newer");
            assertEquals(DatabaseRoles.APP, answer.getString(2));
            assertEquals(DatabaseRoles.DATABASE, answer.getString(3));
        }
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, supplied.getValue("kafka.bootstrap.servers"));
        try (Admin client = Admin.create(admin)) {
            assertEquals(1, client.describeCluster().nodes().get().size());
        }
        assertTrue(supplied.getValue("mp.jwt.verify.publickey.location").startsWith("file:"));
    }

    @Test
    @Order(3)
    void postgresql_commits_durably() throws Exception {
        try (Connection connection = postgres()) {
            assertEquals("on", show(connection, "synchronous_commit"));
            assertEquals("on", show(connection, "full_page_writes"));
            assertEquals("on", show(connection, "fsync"), "zonky's -F (fsync off) is overridden");
        }
    }

    @Test
    @Order(4)
    void postgresql_listens_on_the_loopback_address_only() throws Exception {
        try (Connection connection = postgres()) {
            assertEquals("127.0.0.1", show(connection, "listen_addresses"));
        }
        assertTrue(supplied().getValue("quarkus.datasource.jdbc.url").startsWith("jdbc:postgresql://127.0.0.1:"));
        assertUnreachableFromOtherInterfaces(EmbeddedPostgres17.port());
    }

    @Test
    @Order(5)
    void kafka_listens_on_the_loopback_address_only() throws Exception {
        String bootstrap = supplied().getValue("kafka.bootstrap.servers");
        assertTrue(bootstrap.startsWith("127.0.0.1:"), bootstrap);
        int brokerPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        Map<String, Object> config = EmbeddedKafka.config(Path.of("unused"), brokerPort, EmbeddedKafka.controllerPort());
        assertEquals("PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + EmbeddedKafka.controllerPort(),
                config.get("listeners"));
        try (Socket reachable = new Socket(InetAddress.getByName("127.0.0.1"), brokerPort)) {
            assertTrue(reachable.isConnected());
        }
        assertUnreachableFromOtherInterfaces(brokerPort);
        assertUnreachableFromOtherInterfaces(EmbeddedKafka.controllerPort());
    }

    @Test
    @Order(6)
    void keys_and_data_are_for_the_owner_only() throws Exception {
        Path keys = dataDirectory.resolve("keys");
        assertEquals("rwx------", permissions(keys));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(keys)) {
            for (Path file : files.toList()) {
                names.add(file.getFileName().toString());
                assertEquals("rw-------", permissions(file), file.toString());
            }
        }
        assertTrue(names.containsAll(List.of(DevSigningKey.PRIVATE_KEY_FILE, DevSigningKey.PUBLIC_KEY_FILE,
                DevServiceKeys.KEK_FILE, DevServiceKeys.BLIND_INDEX_FILE, DevServiceKeys.SIGNING_KEY_FILE,
                DevServiceKeys.SIGNING_CERT_FILE)), names.toString());
        assertEquals("rwx------", permissions(dataDirectory.resolve("postgresql")));
        assertEquals("rwx------", permissions(dataDirectory.resolve("kafka")));
        assertEquals("rwx------", permissions(EmbeddedKafka.logDirectory(dataDirectory.resolve("kafka"))));
    }

    @Test
    @Order(7)
    void a_running_server_is_never_taken_for_an_orphan() throws Exception {
        Path postgresDirectory = dataDirectory.resolve("postgresql");
        assertTrue(EmbeddedPostgres17.runningServer(postgresDirectory).isPresent(), "postmaster.pid names the server");
        assertThrows(IllegalStateException.class, () -> EmbeddedPostgres17.stopOrphanedServer(postgresDirectory));
        try (Connection connection = postgres()) {
            assertEquals("on", show(connection, "synchronous_commit"));
        }
    }

    @Test
    @Order(8)
    void kafka_keeps_a_produced_record_across_a_restart_on_the_same_directory() throws Exception {
        Path kafkaDirectory = dataDirectory.resolve("kafka");
        String before = supplied().getValue("kafka.bootstrap.servers");
        String clusterId;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, before))) {
            clusterId = admin.describeCluster().clusterId().get();
        }
        try (Producer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, before, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("restart-check", "dossier-1", "published before the restart")).get();
        }

        EmbeddedKafka.stop();
        assertFalse(EmbeddedKafka.running());
        assertTrue(EmbeddedKafka.formatted(kafkaDirectory), "the log stays formatted");
        String after = EmbeddedKafka.bootstrapServers(kafkaDirectory);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, after))) {
            assertEquals(clusterId, admin.describeCluster().clusterId().get(), "the same cluster, not a new one");
        }
        try (Consumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, after, ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("restart-check"));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
            assertEquals(List.of("published before the restart"), values);
        }
    }

    private static ConfigSource supplied() {
        return new EmbeddedInfrastructureConfigSourceFactory()
                .getConfigSources(context(Map.of(EmbeddedSettings.DATA_DIR, dataDirectory.toString()))).iterator().next();
    }

    private static Connection postgres() throws Exception {
        ConfigSource supplied = supplied();
        return DriverManager.getConnection(supplied.getValue("quarkus.datasource.jdbc.url"),
                supplied.getValue("quarkus.datasource.username"), supplied.getValue("quarkus.datasource.password"));
    }

    private static String show(Connection connection, String setting) throws Exception {
        try (ResultSet answer = connection.createStatement().executeQuery("SHOW " + setting)) {
            assertTrue(answer.next());
            return answer.getString(1);
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** Connecting to {@code port} through each of this machine's non-loopback addresses is refused. */
    private static void assertUnreachableFromOtherInterfaces(int port) throws Exception {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        others.add(address);
                    }
                }
            }
        }
        Assumptions.assumeFalse(others.isEmpty(), "this machine has no non-loopback IPv4 address to try");
        for (InetAddress address : others) {
            try (Socket socket = new Socket()) {
                assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress(address, port), 2000),
                        "port " + port + " answers on " + address.getHostAddress());
            }
        }
    }

    /** A configuration context holding exactly {@code values}, as the factory sees one at start. */
    static ConfigSourceContext context(Map<String, String> values) {
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
