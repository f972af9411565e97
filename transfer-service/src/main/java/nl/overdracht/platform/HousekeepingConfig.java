package nl.overdracht.platform;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code overdracht.housekeeping.*}: how long the service keeps the rows it needs only for a while,
 * and how often it prunes them ({@link Housekeeping}).
 */
@Unremovable
@ConfigMapping(prefix = "overdracht.housekeeping")
public interface HousekeepingConfig {

    String PUBLISHED_EVENTS = "overdracht.housekeeping.published-events";
    String PROCESSED_EVENTS = "overdracht.housekeeping.processed-events";
    String IDEMPOTENCY_KEYS = "overdracht.housekeeping.idempotency-keys";
    String BATCH_SIZE = "overdracht.housekeeping.batch-size";

    /** How often the housekeeping round runs (read by its {@code @Scheduled} expression, whose fallback is the same value). */
    @WithDefault("1h")
    Duration interval();

    /** Rows deleted per statement; a round repeats until less than a batch is due. */
    @WithDefault("5000")
    int batchSize();

    /** How long an outbox event is kept after the relay published it. */
    @WithDefault("P7D")
    Duration publishedEvents();

    /**
     * How long a consumer remembers that it processed an event; longer than the topic keeps its
     * records, so that no redelivery can outlive the memory of it.
     */
    @WithDefault("P14D")
    Duration processedEvents();

    /** How long the first answer to an {@code Idempotency-Key} is kept for retries: the promise to clients. */
    @WithDefault("P7D")
    Duration idempotencyKeys();
}
