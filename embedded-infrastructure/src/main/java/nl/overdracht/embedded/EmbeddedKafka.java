package nl.overdracht.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One embedded single-node KRaft Kafka per JVM (combined broker and controller).
 *
 * <p>Kafka is only the transport here: PostgreSQL holds every accepted dossier and every event in
 * its outbox, and the outbox relay publishes again what no consumer has recorded as processed. So
 * the broker starts from an empty log directory each time, which keeps it free of the stale
 * cluster state a half-written directory would leave behind.
 */
final class EmbeddedKafka {

    private static final String[] NOISY_LOGGERS = {"org.apache.kafka", "kafka", "state.change.logger",
        "org.apache.zookeeper"};
    private static KafkaClusterTestKit cluster;

    private EmbeddedKafka() {
    }

    /** Starts the broker on first use and answers its bootstrap servers. */
    static synchronized String bootstrapServers(Path baseDirectory) {
        if (cluster == null) {
            cluster = start(baseDirectory);
        }
        return cluster.bootstrapServers();
    }

    static synchronized boolean running() {
        return cluster != null;
    }

    private static KafkaClusterTestKit start(Path baseDirectory) {
        for (String name : NOISY_LOGGERS) {
            Logger.getLogger(name).setLevel(Level.WARNING);
        }
        try {
            deleteRecursively(baseDirectory);
            Files.createDirectories(baseDirectory);
            KafkaClusterTestKit started = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDirectory)
                    .build())
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "6")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setDeleteOnClose(false)
                    .build();
            started.format();
            started.startup();
            started.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "embedded-kafka-stop"));
            return started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting embedded Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not start in " + baseDirectory, e);
        }
    }

    private static void close(KafkaClusterTestKit started) {
        try {
            started.close();
        } catch (Exception ignored) {
            // the JVM is going down; the broker's own shutdown is best effort
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear " + directory, e);
        }
    }
}
