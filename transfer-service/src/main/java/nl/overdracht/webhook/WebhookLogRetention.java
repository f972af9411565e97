package nl.overdracht.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import nl.overdracht.platform.Prunable;

/** The delivery log's lifetime: delivered and given-up deliveries go after {@code overdracht.webhooks.log-retention}. */
@ApplicationScoped
public class WebhookLogRetention implements Prunable {

    @Inject
    Pool pool;

    @Inject
    WebhookRepository webhooks;

    @Inject
    WebhookConfig config;

    @Override
    public String what() {
        return "ended webhook deliveries";
    }

    @Override
    public Uni<Integer> prune(Instant now, int limit) {
        return webhooks.deleteEnded(pool, now, config.logRetention(), limit);
    }
}
