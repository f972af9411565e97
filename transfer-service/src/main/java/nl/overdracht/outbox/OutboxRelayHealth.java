package nl.overdracht.outbox;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the outbox relay: DOWN, with the reason, when this instance's last relay round
 * failed (the events stay in the outbox, nothing reaches Kafka), or when the oldest unpublished
 * event has waited longer than {@link OutboxConfig#unpublishedMaxAge()} (whichever instance leads
 * the relay is not publishing); UP when the relay publishes or has nothing to publish.
 *
 * <p>Kafka's own health check says whether a broker answers; this one says whether the events get
 * out, which also fails when the broker answers but refuses the relay (credentials, ACLs). The
 * answer holds times, ages and a fixed phrase for the failure, never a setting or a message.
 */
@Readiness
@ApplicationScoped
public class OutboxRelayHealth implements AsyncHealthCheck {

    /** The check's name in {@code /q/health/ready}. */
    static final String NAME = "Outbox relay";

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxRepository events;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    OutboxConfig config;

    @Override
    public Uni<HealthCheckResponse> call() {
        RelayState state = relay.state();
        return events.oldestUnpublished(pool)
                .map(oldest -> assess(state, oldest, clock.instant(), config.unpublishedMaxAge()))
                .onFailure().recoverWithItem(failure -> new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN,
                        Optional.of(Map.of("reason", "the outbox could not be read ("
                                + PublishFailure.reason(failure) + ")"))));
    }

    /**
     * The verdict on the relay in {@code state} when the oldest unpublished event (if any) was
     * written at {@code oldestUnpublished}, at {@code now}, allowing events to wait {@code maxAge}.
     */
    static HealthCheckResponse assess(RelayState state, Optional<Instant> oldestUnpublished, Instant now,
            Duration maxAge) {
        Map<String, Object> data = new LinkedHashMap<>();
        long sinceGood = seconds(state.lastGood(), now);
        oldestUnpublished.ifPresent(oldest -> data.put("oldestUnpublishedAgeSeconds", seconds(oldest, now)));
        if (state instanceof RelayState.Failing failing) {
            data.put("reason", "the outbox relay has not published for " + sinceGood + " s; last error: "
                    + failing.reason());
            data.put("lastError", failing.reason());
            data.put("failingSince", failing.since().toString());
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
        }
        Optional<Duration> waited = oldestUnpublished.map(oldest -> Duration.between(oldest, now));
        if (waited.isPresent() && waited.get().compareTo(maxAge) > 0) {
            data.put("reason", "the oldest unpublished outbox event has waited " + waited.get().toSeconds()
                    + " s, longer than the " + maxAge.toSeconds() + " s allowed; no instance's relay publishes it");
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
        }
        if (state instanceof RelayState.Publishing publishing) {
            data.put("lastRound", publishing.lastRound().toString());
        }
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }
}
