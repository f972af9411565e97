package nl.overdracht.embedded;

import java.util.Map;
import kafka.server.KafkaRaftServer;

/**
 * A KRaft broker with settings fixed for its life, so that it can be stopped and started again on
 * the same log and ports, as a real broker comes back where its clients look for it. What the
 * secured and the standalone broker share.
 */
final class RestartableBroker {

    private final Map<String, Object> config;
    private KafkaRaftServer server;

    RestartableBroker(Map<String, Object> config) {
        this.config = config;
    }

    /** Starts the broker unless it runs; returns once it is registered and unfenced. */
    synchronized void start() {
        if (server == null) {
            server = EmbeddedKafka.launch(config);
        }
    }

    /** Stops the broker (a controlled shutdown); its log stays. Nothing happens when it is stopped already. */
    synchronized void stop() {
        if (server != null) {
            EmbeddedKafka.stopGuarded(server);
            server = null;
        }
    }

    synchronized boolean running() {
        return server != null;
    }
}
