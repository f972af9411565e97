package nl.overdracht.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One embedded single-node KRaft Kafka per JVM (combined broker and controller), started the way
 * {@code kafka-storage.sh format} and {@code kafka-server-start.sh} start one.
 *
 * <p>Its log is kept in the data directory across restarts, so an event the outbox relay handed
 * to Kafka (and marked published) but no consumer had processed before a crash is still there
 * afterwards. The directory is formatted (a new cluster id in {@code meta.properties}) only when it
 * holds no {@code meta.properties} yet; a restart reads the cluster id and the node's directory id
 * from it, as a real broker does.
 *
 * <p>Both listeners are bound to 127.0.0.1 only, without authentication: nothing off this machine
 * can reach the broker.
 *
 * <p>Not Kafka's test kit ({@code KafkaClusterTestKit}): it formats on every start (and refuses a
 * directory that is formatted already), keeps the cluster id and directory ids in memory rather
 * than reading them back, and pre-binds its listener sockets to the wildcard address, whatever
 * {@code listeners} says.
 */
final class EmbeddedKafka {

    /** The loopback address both listeners bind to. */
    static final String HOST = Loopback.HOST;
    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The broker's log and KRaft metadata, below the Kafka directory. */
    static final String LOG_DIRECTORY = "log";
    static final String META_PROPERTIES = "meta.properties";

    private static final String[] NOISY_LOGGERS = {"org.apache.kafka", "kafka", "state.change.logger",
        "org.apache.zookeeper"};
    private static KafkaRaftServer server;
    private static String bootstrapServers;
    private static int controllerPort;
    private static boolean hookAdded;
    /** Set while the broker stops: a fault it reports then must not end the JVM (the tests' or the service's). */
    private static volatile boolean stopping;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EmbeddedKafka.class);

    private EmbeddedKafka() {
    }

    /** Starts the broker on first use and answers its bootstrap servers. */
    static synchronized String bootstrapServers(Path baseDirectory) {
        if (server == null) {
            start(baseDirectory);
        }
        return bootstrapServers;
    }

    static synchronized boolean running() {
        return server != null;
    }

    /** The port of the controller listener (the broker's is in {@link #bootstrapServers}). */
    static synchronized int controllerPort() {
        return controllerPort;
    }

    /** Stops the broker (the tests restart it on the same directory); a later call starts it again. */
    static synchronized void stop() {
        if (server != null) {
            stopGuarded(server);
            server = null;
            bootstrapServers = null;
        }
    }

    /**
     * Stops {@code started} (this class's broker or a {@link SecuredKafka}); a fault the broker
     * reports meanwhile does not end the JVM.
     */
    static void stopGuarded(KafkaRaftServer started) {
        stopping = true;
        try {
            close(started);
        } finally {
            stopping = false;
        }
    }

    /** The directory the broker keeps its log and metadata in. */
    static Path logDirectory(Path baseDirectory) {
        return baseDirectory.resolve(LOG_DIRECTORY);
    }

    /** Whether {@code baseDirectory} holds a formatted Kafka log. */
    static boolean formatted(Path baseDirectory) {
        return Files.isRegularFile(logDirectory(baseDirectory).resolve(META_PROPERTIES));
    }

    private static void start(Path baseDirectory) {
        for (String name : NOISY_LOGGERS) {
            Logger.getLogger(name).setLevel(Level.WARNING);
        }
        guardTheJvm();
        Path logDirectory = logDirectory(baseDirectory);
        try {
            OwnerOnly.directory(baseDirectory);
            if (!formatted(baseDirectory)) {
                // Nothing was ever stored without meta.properties (a broker never started on it): an
                // interrupted format, or the wiped-at-start layout of earlier versions. Start clean.
                try (Stream<Path> entries = Files.list(baseDirectory)) {
                    for (Path entry : entries.toList()) {
                        Directories.deleteRecursively(entry);
                    }
                }
            }
            OwnerOnly.directory(logDirectory);
            int brokerPort = Loopback.freePort();
            int controllerPort = Loopback.freePort();
            Map<String, Object> config = config(logDirectory, brokerPort, controllerPort);
            if (!formatted(baseDirectory)) {
                format(logDirectory);
            }
            server = launch(config);
            bootstrapServers = HOST + ":" + brokerPort;
            EmbeddedKafka.controllerPort = controllerPort;
            if (!hookAdded) {
                hookAdded = true;
                Runtime.getRuntime().addShutdownHook(AfterTheService.hook("embedded-kafka-stop", EmbeddedKafka::stop));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Kafka could not prepare " + baseDirectory, e);
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not start in " + baseDirectory, e);
        }
    }

    /**
     * Starts a broker with {@code config} on its formatted log; returns once it is registered with
     * the controller and unfenced. A broker that fails to start is stopped again.
     */
    static KafkaRaftServer launch(Map<String, Object> config) {
        KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            stopGuarded(started);
            throw e;
        }
        return started;
    }

    /**
     * A broker that meets a fatal fault halts its process (Kafka's {@code Exit}); here that process
     * is the service's, or the tests'. While the broker stops (the JVM going down, or a test
     * restarting it), such a fault is logged and the stop goes on, so that it cannot turn a clean
     * exit into a failed one. A fault while it runs still ends the process, as it would end a
     * broker of its own, after naming the cause.
     */
    static void guardTheJvm() {
        Exit.setHaltProcedure((status, message) -> haltUnlessStopping("met a fatal fault", status, message));
        Exit.setExitProcedure((status, message) -> haltUnlessStopping("asked the process to exit", status, message));
    }

    private static void haltUnlessStopping(String what, int status, String message) {
        if (stopping) {
            LOG.warnf("Embedded Kafka %s while stopping (%s); the stop goes on", what, message);
            return;
        }
        LOG.errorf("Embedded Kafka %s (%s); the process halts, as a broker's own would", what, message);
        Runtime.getRuntime().halt(status);
    }

    /** The broker's settings: one combined node, both listeners on the loopback address. */
    static Map<String, Object> config(Path logDirectory, int brokerPort, int controllerPort) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://"
                + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", logDirectory.toString());
        props.put("metadata.log.dir", logDirectory.toString());
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "6");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // the log cleaner's dedupe buffer is 128 MB by default; a development broker needs little
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        return props;
    }

    /** Formats an empty log directory: a new cluster id, the node id, the current metadata version. */
    static void format(Path logDirectory) throws Exception {
        format(logDirectory, List.of());
    }

    /**
     * As {@link #format(Path)}, with SCRAM credentials in the bootstrap metadata, one
     * {@code SCRAM-SHA-512=[name=…,password=…]} each, as {@code kafka-storage.sh format --add-scram} takes them.
     */
    static void format(Path logDirectory, List<String> scramCredentials) throws Exception {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDirectory.toString()))
                .setMetadataLogDirectory(logDirectory.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setIgnoreFormatted(false);
        if (!scramCredentials.isEmpty()) {
            formatter.setScramArguments(scramCredentials);
        }
        formatter.run();
    }


    private static void close(KafkaRaftServer started) {
        try {
            started.shutdown();
            started.awaitShutdown();
        } catch (Exception ignored) {
            // the JVM is going down; the broker's own shutdown is best effort
        }
    }

}
