package nl.overdracht.outbox;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
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
import nl.overdracht.platform.BackgroundWork;
import nl.overdracht.platform.DatabaseConfig;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The outbox relay's check in the {@value BackgroundWork#HEALTH_GROUP} health group ({@code /q/health/group/background}):
 * DOWN, with the reason, when this instance's last relay round failed (the events stay in the
 * outbox, nothing reaches Kafka), or when the oldest unpublished event has waited longer than
 * {@link OutboxConfig#unpublishedMaxAge()} (whichever instance leads the relay is not publishing);
 * UP when the relay publishes or has nothing to publish.
 *
 * <p>Not a readiness check: a Kafka that is away does not stop the service from taking requests (the
 * outbox holds their events), so it must not take the instance out of service; readiness shows the
 * same data, UP ({@link OutboxRelayReadiness}). This group is for monitoring and alerts. The answer
 * holds times, ages, counts and a fixed phrase for the failure, never a setting or a message.
 */
@HealthGroup(BackgroundWork.HEALTH_GROUP)
@ApplicationScoped
public class OutboxRelayHealth implements AsyncHealthCheck {

    /** The check's name, here and in {@code /q/health/ready}. */
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

    @Inject
    DatabaseConfig database;

    @Override
    public Uni<HealthCheckResponse> call() {
        RelayState state = relay.state();
        return events.backlog(pool)
                .ifNoItem().after(database.healthTimeout()).fail()
                .map(backlog -> assess(state, backlog, clock.instant(), config.unpublishedMaxAge()))
                .onFailure().recoverWithItem(failure -> new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN,
                        Optional.of(Map.of("state", state.name(), "reason", "the outbox could not be read ("
                                + PublishFailure.reason(failure) + ")"))));
    }

    /**
     * The verdict on the relay in {@code state} with {@code backlog} waiting, at {@code now}, allowing
     * events to wait {@code maxAge}.
     */
    static HealthCheckResponse assess(RelayState state, OutboxRepository.Backlog backlog, Instant now, Duration maxAge) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", state.name());
        data.put("unpublished", backlog.count());
        long sinceGood = seconds(state.lastGood(), now);
        backlog.oldest().ifPresent(oldest -> data.put("oldestUnpublishedAgeSeconds", seconds(oldest, now)));
        if (state instanceof RelayState.Failing failing) {
            data.put("reason", "the outbox relay has not published for " + sinceGood + " s; last error: "
                    + failing.reason());
            data.put("lastError", failing.reason());
            data.put("failingSince", failing.since().toString());
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
        }
        Optional<Duration> waited = backlog.oldest().map(oldest -> Duration.between(oldest, now));
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
