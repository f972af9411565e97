package nl.overdracht.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * A single-node KRaft Kafka secured as a production cluster is, for the tests that run Overdracht
 * against one: its client listener speaks {@code SASL_SSL} only, with SCRAM-SHA-512 users created
 * when the log is formatted, and a certificate from a certificate authority made for this broker
 * alone ({@link BrokerTls}); the broker authenticates to itself over that listener as user
 * {@value #BROKER_USER}. The controller listens in plaintext on a second port, as controllers on a
 * private network do; clients are never told of it. Both listeners are bound to 127.0.0.1, and the
 * log, the stores and the users live in a directory the caller owns, formatted afresh by every start.
 * No ACLs: an authenticated user may do anything.
 *
 * <p>{@link #clientSettings} gives exactly the settings a service needs, under the names the
 * service reads them ({@code kafka.bootstrap.servers}, {@code kafka.security.protocol},
 * {@code kafka.sasl.*}, {@code kafka.ssl.truststore.*}).
 */
public final class SecuredKafka implements AutoCloseable {

    /** The SASL mechanism of the client listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The user the broker authenticates to itself as. */
    static final String BROKER_USER = "broker";
    static final String LISTENER = "SECURE";
    static final String CONTROLLER_LISTENER = EmbeddedKafka.CONTROLLER_LISTENER;

    private final RestartableBroker broker;
    private final String bootstrapServers;
    private final BrokerTls tls;
    private final String brokerPassword;

    private SecuredKafka(RestartableBroker broker, String bootstrapServers, BrokerTls tls,
            String brokerPassword) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.tls = tls;
        this.brokerPassword = brokerPassword;
    }

    /**
     * Formats a log in {@code directory} (wiped first) with the SCRAM users {@code users} (name →
     * password) and starts the broker; returns once it is registered and unfenced.
     */
    public static SecuredKafka start(Path directory, Map<String, String> users) {
        if (users.isEmpty() || users.containsKey(BROKER_USER)) {
            throw new IllegalArgumentException("name at least one user, and not " + BROKER_USER);
        }
        EmbeddedKafka.guardTheJvm();
        Directories.deleteRecursively(directory);
        OwnerOnly.directory(directory);
        Path logDirectory = EmbeddedKafka.logDirectory(directory);
        OwnerOnly.directory(logDirectory);
        BrokerTls tls = BrokerTls.create(directory.resolve("tls"));
        String brokerPassword = BrokerTls.randomSecret();
        List<String> credentials = new ArrayList<>();
        credentials.add(scram(BROKER_USER, brokerPassword));
        users.forEach((name, password) -> credentials.add(scram(name, password)));
        try {
            int brokerPort = Loopback.freePort();
            int controllerPort = Loopback.freePort();
            Map<String, Object> config = config(logDirectory, brokerPort, controllerPort, tls, brokerPassword);
            EmbeddedKafka.format(logDirectory, credentials);
            RestartableBroker broker = new RestartableBroker(config);
            broker.start();
            return new SecuredKafka(broker, EmbeddedKafka.HOST + ":" + brokerPort, tls, brokerPassword);
        } catch (IOException e) {
            throw new UncheckedIOException("the secured Kafka could not prepare " + directory, e);
        } catch (Exception e) {
            throw new IllegalStateException("the secured Kafka did not start in " + directory, e);
        }
    }

    /** {@code host:port} of the {@code SASL_SSL} listener. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The PKCS12 truststore that holds the certificate authority the broker's certificate comes from. */
    public Path truststore() {
        return tls.truststore();
    }

    /**
     * What a client needs to reach this broker as {@code user} with {@code password} (whether or not
     * that is the user's real password), as the service's {@code kafka.*} settings: bootstrap
     * servers, {@code SASL_SSL}, the mechanism, the JAAS login and the truststore with its type and
     * password. Holds secrets: never log it.
     */
    public Map<String, String> clientSettings(String user, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrapServers);
        settings.put("kafka.security.protocol", "SASL_SSL");
        settings.put("kafka.sasl.mechanism", MECHANISM);
        settings.put("kafka.sasl.jaas.config", jaas(user, password));
        settings.put("kafka.ssl.truststore.location", tls.truststore().toString());
        settings.put("kafka.ssl.truststore.type", BrokerTls.STORE_TYPE);
        settings.put("kafka.ssl.truststore.password", tls.password());
        return settings;
    }

    /** The same settings as a Kafka client takes them, without the service's {@code kafka.} prefix. */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> properties = new LinkedHashMap<>();
        clientSettings(user, password).forEach((name, value) -> properties.put(name.substring("kafka.".length()), value));
        return properties;
    }

    /**
     * Gives {@code user} (a new one, or one made at the start) the SCRAM password {@code password}
     * from now on, as an operator rotating credentials does; connections made afterwards log in with
     * it. Returns once the broker has accepted the change.
     */
    public void setPassword(String user, String password) {
        requirePlain(user);
        requirePlain(password);
        try (Admin admin = Admin.create(clientProperties(BROKER_USER, brokerPassword))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing the password of " + user, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not change the password of " + user, e);
        }
    }

    /**
     * Stops the broker, its log kept, for a test of a Kafka that is away; {@link #restart()} brings it
     * back on the same ports, so its clients reconnect by themselves.
     */
    public void stop() {
        broker.stop();
    }

    /** Starts the broker {@link #stop()} stopped, on the same ports and log; returns once it is unfenced. */
    public void restart() {
        broker.start();
    }

    /** Stops the broker; a fault it reports meanwhile does not end the JVM. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "SecuredKafka[" + bootstrapServers + "]";
    }

    /** The broker's settings: {@link EmbeddedKafka#config}'s, with the SASL_SSL listener in place of the plaintext one. */
    static Map<String, Object> config(Path logDirectory, int brokerPort, int controllerPort, BrokerTls tls,
            String brokerPassword) {
        Map<String, Object> props = EmbeddedKafka.config(logDirectory, brokerPort, controllerPort);
        String prefix = "listener.name." + LISTENER.toLowerCase() + ".";
        props.put("listeners", LISTENER + "://" + EmbeddedKafka.HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER
                + "://" + EmbeddedKafka.HOST + ":" + controllerPort);
        props.put("advertised.listeners", LISTENER + "://" + EmbeddedKafka.HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", LISTENER + ":SASL_SSL," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", LISTENER);
        props.put("sasl.enabled.mechanisms", MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        props.put(prefix + MECHANISM.toLowerCase() + ".sasl.jaas.config", jaas(BROKER_USER, brokerPassword));
        props.put(prefix + "ssl.keystore.location", tls.keystore().toString());
        props.put(prefix + "ssl.keystore.type", BrokerTls.STORE_TYPE);
        props.put(prefix + "ssl.keystore.password", tls.password());
        props.put(prefix + "ssl.key.password", tls.password());
        props.put(prefix + "ssl.truststore.location", tls.truststore().toString());
        props.put(prefix + "ssl.truststore.type", BrokerTls.STORE_TYPE);
        props.put(prefix + "ssl.truststore.password", tls.password());
        props.put(prefix + "ssl.client.auth", "none");
        return props;
    }

    static String jaas(String user, String password) {
        requirePlain(user);
        requirePlain(password);
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static String scram(String user, String password) {
        requirePlain(user);
        requirePlain(password);
        return MECHANISM + "=[name=" + user + ",password=" + password + "]";
    }

    /** A name or password that needs no quoting in a JAAS option or a {@code --add-scram} argument. */
    private static void requirePlain(String value) {
        Objects.requireNonNull(value);
        if (!value.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a SCRAM user name or password here is letters, digits, '_', '.' and '-'");
        }
    }
}
