package nl.overdracht.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import nl.overdracht.testing.Superuser;
import org.junit.jupiter.api.Test;

/**
 * The start refuses a pool role that could undo the database's protections. The service itself runs
 * as overdracht_app, which the check accepts; the refused roles are reached through the superuser's
 * pool ({@link Superuser}), the owner by switching to it for one transaction.
 */
@QuarkusTest
class DatabaseRoleCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void the_service_connects_as_the_application_role_which_the_check_accepts() {
        String role = pool.query("SELECT session_user::text AS role").execute().await().atMost(WAIT)
                .iterator().next().getString("role");

        Optional<String> refusal = DatabaseRoleCheck.refusal(pool).await().atMost(WAIT);

        assertThat(role).isEqualTo("overdracht_app");
        assertThat(refusal).isEmpty();
    }

    @Test
    void a_superuser_is_refused_naming_the_property() {
        Optional<String> refusal = DatabaseRoleCheck.refusal(Superuser.pool()).await().atMost(WAIT);

        assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("quarkus.datasource.username names PostgreSQL role postgres, a superuser"));
    }

    @Test
    void the_owner_of_the_audit_tables_is_refused_naming_the_property_and_the_tables() {
        Optional<String> refusal = Superuser.pool().withTransaction(tx -> tx
                        .query("SET LOCAL SESSION AUTHORIZATION overdracht_owner").execute()
                        .flatMap(ignored -> DatabaseRoleCheck.refusal(tx)))
                .await().atMost(WAIT);

        assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("quarkus.datasource.username names PostgreSQL role overdracht_owner, the owner (or a "
                        + "member of the owner) of audit_checkpoint, audit_entry"));
    }
}
