package nl.overdracht.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code overdracht.delivery.*}: the pace and batch size of the delivery worker's retry rounds. */
@ConfigMapping(prefix = "overdracht.delivery")
public interface DeliveryConfig {

    /**
     * How often the delivery worker packages released dossiers whose school can now receive and
     * re-encrypts packages whose certificate is no longer current (read by the worker's
     * {@code @Scheduled} expression, whose fallback is the same value).
     */
    @WithDefault("1m")
    Duration retryInterval();

    /** Dossiers looked at per retry round or registry change; the rest follow on the next round. */
    @WithDefault("200")
    int batchSize();
}
