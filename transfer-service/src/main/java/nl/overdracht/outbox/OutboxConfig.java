package nl.overdracht.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code overdracht.outbox.*}: where and how fast the outbox relay publishes. */
@ConfigMapping(prefix = "overdracht.outbox")
public interface OutboxConfig {

    /**
     * The Kafka topic events are published to; the consumers' {@code mp.messaging.incoming.*.topic}
     * must name the same.
     */
    @WithDefault("dossier-events")
    String topic();

    /** Events published per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * How often the relay looks for unpublished events (read by the relay's {@code @Scheduled}
     * expression, whose fallback is the same value; Quarkus' simple scheduler runs intervals under a
     * second once a second).
     */
    @WithDefault("0.2s")
    Duration pollInterval();

    /**
     * How long an event may wait unpublished before the relay's check in the {@code background} health
     * group reports DOWN: by then no instance's relay is publishing (the one that leads may be failing,
     * or stuck).
     */
    @WithDefault("1m")
    Duration unpublishedMaxAge();

    /**
     * How long a relay round waits for Kafka to take a batch (metadata, buffer space and every
     * acknowledgement) before it gives up: the batch's transaction stays open meanwhile, so this is
     * below {@code overdracht.database.socket-timeout}. Also the relay producer's {@code max.block.ms}
     * unless {@code kafka.max.block.ms} is set.
     */
    @WithDefault("2s")
    Duration publishTimeout();

    /** How long the relay waits after a failed round before it tries again; doubled after each further failure in a row. */
    @WithDefault("1s")
    Duration backoffInitial();

    /** The longest the relay waits between failed rounds. */
    @WithDefault("10s")
    Duration backoffMax();
}
