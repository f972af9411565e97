package nl.overdracht.enrolment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.security.Caller;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import nl.overdracht.openapi.Audiences;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/enrolment-conflicts}: the sending school sees which of its dossiers another
 * school than the one the dossier names tried to enrol, so that it can correct the dossier (a new
 * revision) or contact the schools. The enrolling school sees the same conflict as
 * {@code conflict: true} on its own enrolment. An operator sees the conflicts in which a school of
 * the operator's region (sending, enrolling or named) takes part; ids and dates only, as ever.
 */
@Path("/api/v1/enrolment-conflicts")
@Tag(name = Audiences.OPERATOR)
@Tag(name = Audiences.SENDING_SCHOOL)
@RolesAllowed({Roles.SENDING_SCHOOL, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
public class EnrolmentConflictResource {

    @Inject
    CurrentCaller caller;

    @Inject
    Pool pool;

    @Inject
    EnrolmentRepository enrolments;

    @GET
    @Operation(operationId = "listEnrolmentConflicts", summary = "List enrolment conflicts",
            description = "The latest 200 enrolments that did not match a dossier because the dossier names another "
                    + "receiving school: for a sending school those of its dossiers, for an operator those of its region.")
    @APIResponse(responseCode = "200", description = "The conflicts, newest first")
    public Uni<List<EnrolmentConflict>> list() {
        Caller who = caller.get();
        if (who.hasRole(Roles.SENDING_SCHOOL) && who.school().isPresent()) {
            return enrolments.conflictsOfSender(pool, who.school().get());
        }
        String region = who.region().filter(r -> who.hasRole(Roles.OPERATOR)).orElseThrow(
                () -> new ApiException(ProblemType.FORBIDDEN, "The token names neither a sending school nor a region."));
        return enrolments.conflictsInRegion(pool, region);
    }
}
