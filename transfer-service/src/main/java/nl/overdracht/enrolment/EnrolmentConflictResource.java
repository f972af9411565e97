package nl.overdracht.enrolment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.security.Caller;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/enrolment-conflicts}: the sending school sees which of its dossiers another
 * school than the one the dossier names tried to enrol, so that it can correct the dossier (a new
 * revision) or contact the schools. The enrolling school sees the same conflict as
 * {@code conflict: true} on its own enrolment. An operator sees the conflicts in which a school of
 * the operator's region (sending, enrolling or named) takes part; ids and dates only, as ever.
 */
@Path("/api/v1/enrolment-conflicts")
@Tag(name = "enrolments")
@RolesAllowed({Roles.SENDING_SCHOOL, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
public class EnrolmentConflictResource {

    @Inject
    CurrentCaller caller;

    @Inject
    Pool pool;

    @GET
    @Operation(summary = "The latest 200 enrolments that did not match one of the school's dossiers because it names "
            + "another receiving school")
    public Uni<List<EnrolmentConflict>> list() {
        Caller who = caller.get();
        if (who.hasRole(Roles.SENDING_SCHOOL) && who.school().isPresent()) {
            return query("WHERE d.sending_school = $1", who.school().get());
        }
        String region = who.region().filter(r -> who.hasRole(Roles.OPERATOR)).orElseThrow(
                () -> new ApiException(ProblemType.FORBIDDEN, "The token names neither a sending school nor a region."));
        return query("WHERE EXISTS (SELECT 1 FROM school s WHERE s.region = $1 "
                + "AND s.id IN (d.sending_school, e.receiving_school, d.receiving_school))", region);
    }

    private Uni<List<EnrolmentConflict>> query(String where, String value) {
        return pool.preparedQuery(EnrolmentConflict.SELECT + where + " ORDER BY e.created_at DESC, e.id LIMIT 200")
                .execute(Tuple.of(value))
                .map(rows -> {
                    List<EnrolmentConflict> out = new ArrayList<>();
                    rows.forEach(row -> out.add(EnrolmentConflict.from(row)));
                    return out;
                });
    }
}
