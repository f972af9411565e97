package nl.overdracht.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A single-node plaintext KRaft Kafka that its owner stops and restarts at will, for a suite that
 * runs the service against a broker outside it and takes that broker away: the embedded broker's
 * settings ({@link EmbeddedKafka#config}), its ports fixed for its life, so that a restarted broker
 * is where the service's {@code kafka.bootstrap.servers} says, and its log kept across a restart,
 * as a real broker's is. Both listeners are bound to 127.0.0.1. Not thread-safe.
 */
public final class StandaloneKafka implements AutoCloseable {

    private final int brokerPort;
    private final RestartableBroker broker;

    private StandaloneKafka(Path directory, int brokerPort, int controllerPort) {
        this.brokerPort = brokerPort;
        this.broker = new RestartableBroker(EmbeddedKafka.config(EmbeddedKafka.logDirectory(directory), brokerPort,
                controllerPort));
    }

    /** Formats a log in {@code directory} (wiped first) and starts the broker on two free ports. */
    public static StandaloneKafka start(Path directory) {
        EmbeddedKafka.guardTheJvm();
        Directories.deleteRecursively(directory);
        OwnerOnly.directory(directory);
        Path logDirectory = EmbeddedKafka.logDirectory(directory);
        OwnerOnly.directory(logDirectory);
        try {
            StandaloneKafka kafka = new StandaloneKafka(directory, Loopback.freePort(), Loopback.freePort());
            EmbeddedKafka.format(logDirectory);
            kafka.restart();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka could not prepare " + directory, e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start in " + directory, e);
        }
    }

    /** {@code host:port} of the plaintext listener, the same across restarts. */
    public String bootstrapServers() {
        return EmbeddedKafka.HOST + ":" + brokerPort;
    }

    /** Whether the broker runs. */
    public boolean running() {
        return broker.running();
    }

    /** Stops the broker (a controlled shutdown); its log stays. Nothing happens when it is stopped already. */
    public void stop() {
        broker.stop();
    }

    /** Starts the stopped broker again on its log and its ports; returns once it is registered and unfenced. */
    public void restart() {
        broker.start();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "StandaloneKafka[" + bootstrapServers() + "]";
    }
}
