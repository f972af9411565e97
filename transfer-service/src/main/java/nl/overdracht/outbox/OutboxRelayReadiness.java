package nl.overdracht.outbox;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import nl.overdracht.platform.BackgroundWork;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The outbox relay in readiness: always UP, with what {@link OutboxRelayHealth} found as its data
 * (the relay's state, how many events wait and for how long, why it fails). An instance whose relay
 * cannot reach Kafka still takes requests — their events wait in the outbox, and the relay publishes
 * them once Kafka is back — so taking it out of service would only add an outage to the one there is.
 * Whether the relay keeps up is the {@code background} group's verdict.
 */
@Readiness
@ApplicationScoped
public class OutboxRelayReadiness implements AsyncHealthCheck {

    @Inject
    @HealthGroup(BackgroundWork.HEALTH_GROUP)
    OutboxRelayHealth relay;

    @Override
    public Uni<HealthCheckResponse> call() {
        return relay.call().map(verdict -> new HealthCheckResponse(verdict.getName(), HealthCheckResponse.Status.UP,
                verdict.getData()));
    }
}
