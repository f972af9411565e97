package nl.overdracht.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;

/**
 * Whether a school may send or receive dossiers now: a suspended school may do neither (403
 * {@code school-not-admitted}). A school the registry does not know is refused too, unless
 * {@code overdracht.registry.require-registered} is false (development and tests), in which case
 * it may send, and receives once it is registered with a certificate.
 */
@ApplicationScoped
public class SchoolAdmission {

    @Inject
    SchoolDirectory directory;

    /** Whether a school must be registered (and active) to send; false lets unknown schools send. */
    boolean requireRegistered;

    @Inject
    void configure(RegistryConfig config) {
        requireRegistered = config.requireRegistered();
    }

    /** Completes when {@code schoolId} may send a dossier; fails with 403 {@code school-not-admitted} otherwise. */
    public Uni<Void> requireMaySend(SqlClient client, String schoolId) {
        return check(client, schoolId, "send");
    }

    /** Completes when {@code schoolId} may receive deliveries; fails with 403 {@code school-not-admitted} otherwise. */
    public Uni<Void> requireMayReceive(SqlClient client, String schoolId) {
        return check(client, schoolId, "receive");
    }

    /**
     * Completes when {@code schoolId}, named by a request as the other school of a transfer, is one
     * the registry knows, in any status (a suspended school's dossiers wait); fails with 422
     * {@code unknown-school} naming {@code pointer} otherwise. Without
     * {@code overdracht.registry.require-registered} any well-formed id will do.
     */
    public Uni<Void> requireKnown(SqlClient client, String schoolId, String pointer) {
        if (!requireRegistered) {
            return Uni.createFrom().voidItem();
        }
        return directory.find(client, schoolId).map(found -> {
            if (found.isEmpty()) {
                throw new ApiException(ProblemType.UNKNOWN_SCHOOL, "School " + schoolId
                        + " is not in the registry, so it cannot take part in a transfer.",
                        List.of(new Problem.FieldError(pointer, "not in the registry", "unknown-school")));
            }
            return null;
        }).replaceWithVoid();
    }

    private Uni<Void> check(SqlClient client, String schoolId, String what) {
        return directory.find(client, schoolId).map(found -> {
            if (found.isEmpty() && requireRegistered) {
                throw new ApiException(ProblemType.SCHOOL_NOT_ADMITTED, "School " + schoolId
                        + " is not in the registry; it may not " + what + " dossiers.");
            }
            if (found.isPresent() && !found.get().active()) {
                throw new ApiException(ProblemType.SCHOOL_NOT_ADMITTED, "School " + schoolId
                        + " is suspended; it may not " + what + " dossiers.");
            }
            return null;
        }).replaceWithVoid();
    }
}
