package nl.overdracht.webhook;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code overdracht.webhooks.*}: how notifications are pushed to the schools' endpoints. */
@Unremovable
@ConfigMapping(prefix = "overdracht.webhooks")
public interface WebhookConfig {

    /**
     * How often the sender looks for deliveries that are due (read by its {@code @Scheduled}
     * expression, whose fallback is the same value).
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries claimed and sent per round. */
    @WithDefault("50")
    int batchSize();

    /** How long one POST may take, connecting included, before it counts as failed. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** How long after the first attempt the second comes; doubled after each further failure. */
    @WithDefault("10s")
    Duration backoffInitial();

    /** The longest wait between two attempts. */
    @WithDefault("1h")
    Duration backoffMax();

    /** Attempts before a delivery is given up (and the next one for its dossier goes). */
    @WithDefault("12")
    int maxAttempts();

    /**
     * PEM file of the certificates that endpoints' TLS certificates must chain to, instead of the
     * JVM's default trust; read again when the file changes. Unset: the JVM's default trust.
     */
    Optional<Path> trustStore();

    /** How long a delivered or given-up delivery stays in the school's delivery log before housekeeping deletes it. */
    @WithDefault("P30D")
    Duration logRetention();
}
