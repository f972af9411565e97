package nl.overdracht.platform;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of PostgreSQL: UP when a connection from the pool answers {@code SELECT 1} within
 * {@link DatabaseConfig#healthTimeout()}, else DOWN at that deadline, with the kind of failure in a
 * few words ({@link DatabaseUnavailable}), never its message. Stands in for Quarkus' own datasource
 * checks ({@code quarkus.datasource.health.enabled=false}), which wait up to 20 s for a server that
 * does not answer.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements AsyncHealthCheck {

    /** The check's name in {@code /q/health/ready}. */
    static final String NAME = "PostgreSQL";

    @Inject
    Pool pool;

    @Inject
    DatabaseConfig config;

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(config.healthTimeout()).fail()
                .map(rows -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(failure -> new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN,
                        Optional.of(Map.of("reason", DatabaseUnavailable.reason(failure)
                                .orElse(failure.getClass().getSimpleName())))));
    }
}
