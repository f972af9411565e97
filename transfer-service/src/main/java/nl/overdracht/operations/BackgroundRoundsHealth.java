package nl.overdracht.operations;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether each recurring round of this instance ({@link BackgroundRound}) still ends: DOWN in the
 * {@value BackgroundWork#HEALTH_GROUP} health group ({@code /q/health/group/background}), naming the rounds that have not ended
 * for {@link OperationsConfig#roundOverdueFactor()} of their intervals and at least
 * {@link OperationsConfig#roundOverdueMinimum()} (a hung query, a timer that stopped). A round that ended
 * in failure has ended: whether the relay publishes is its own check's business. Not a readiness check: a
 * stuck round does not stop the instance from taking requests. Names and seconds only.
 */
@HealthGroup(BackgroundWork.HEALTH_GROUP)
@ApplicationScoped
public class BackgroundRoundsHealth implements HealthCheck {

    static final String NAME = "Background rounds";

    @Inject
    BackgroundWork work;

    @Inject
    OperationsConfig config;

    @Inject
    Config settings;

    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> overdue = new ArrayList<>();
        for (BackgroundRound round : BackgroundRound.values()) {
            Duration allowed = allowance(round);
            Optional<Duration> since = work.sinceLastRound(round);
            Duration waited = since.orElseGet(() -> work.sinceStart().minus(round.firstDelay()));
            data.put(round.label() + "LastRoundAgeSeconds", since.map(Duration::toSeconds).orElse(-1L));
            if (waited.compareTo(allowed) > 0) {
                overdue.add(round.label() + " (" + (since.isPresent() ? "no round ended for " + waited.toSeconds()
                        + " s" : "no round yet after " + work.sinceStart().toSeconds() + " s") + ", allowed "
                        + allowed.toSeconds() + " s)");
            }
        }
        if (overdue.isEmpty() || work.stopping()) {
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
        }
        data.put("overdue", String.join(", ", overdue));
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
    }

    /** How long {@code round} may go without ending: its interval times the factor, at least the minimum. */
    Duration allowance(BackgroundRound round) {
        Duration scaled = round.interval(settings).multipliedBy(config.roundOverdueFactor());
        return scaled.compareTo(config.roundOverdueMinimum()) > 0 ? scaled : config.roundOverdueMinimum();
    }
}
