package nl.overdracht.security;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fails closed at start: the service's pool ({@value #USERNAME}) must not connect as a role that can
 * undo what the database enforces. A superuser passes every grant and can disable any trigger; the
 * owner of the audit tables, or a member of that owner, can disable their append-only triggers. Either
 * stops the start, naming the property; the service runs as {@code overdracht_app}, granted rows only.
 *
 * <p>It runs before anything uses the pool for work: ahead of the scheduler, which starts the
 * scheduled jobs at priority {@link Interceptor.Priority#PLATFORM_BEFORE}, of the Kafka consumers
 * (later still) and of the audit chainer (a default-priority observer). The migrations ran before
 * any startup observer, as the owner, so the audit tables are there to be checked.
 */
@ApplicationScoped
public class DatabaseRoleCheck {

    /** The property naming the pool's role. */
    public static final String USERNAME = "quarkus.datasource.username";
    /** Before the scheduler's start observer. */
    static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE - 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(DatabaseRoleCheck.class);

    void refuseUnsafeRole(@Observes @Priority(PRIORITY) StartupEvent start, Pool pool) {
        Optional<String> refusal = refusal(pool)
                .onFailure().transform(failure -> new IllegalStateException("the PostgreSQL role named by " + USERNAME
                        + " could not be checked: " + failure.getMessage(), failure))
                .await().atMost(TIMEOUT);
        if (refusal.isPresent()) {
            throw new IllegalStateException(refusal.get());
        }
        LOG.debugf("The role named by %s is neither a superuser nor the audit tables' owner", USERNAME);
    }

    /** Why the role {@code client} connects as must not run the service, if it must not. */
    public static Uni<Optional<String>> refusal(SqlClient client) {
        return DatabaseRoleRepository.connectedRole(client).map(role -> {
            if (role.superuser()) {
                return Optional.of(refusal(role.name(),
                        "a superuser, which passes every grant and can disable any trigger"));
            }
            if (role.ownedAuditTables() != null) {
                return Optional.of(refusal(role.name(), "the owner (or a member of the owner) of "
                        + role.ownedAuditTables() + ", which can disable the audit log's append-only triggers"));
            }
            return Optional.empty();
        });
    }

    private static String refusal(String role, String what) {
        return USERNAME + " names PostgreSQL role " + role + ", " + what + ". Overdracht does not run as such a role: "
                + "configure overdracht_app, granted only the rows it needs, and run the migrations as the owner "
                + "with quarkus.flyway.username (see SECURITY.md)";
    }
}
