package nl.overdracht.enrolment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.profile.PupilId;
import nl.overdracht.registry.SchoolId;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/enrolments}: the receiving school records that a pupil enrolled. */
@Path("/api/v1/enrolments")
@Tag(name = "enrolments")
@RolesAllowed(Roles.RECEIVING_SCHOOL)
@Produces(MediaType.APPLICATION_JSON)
public class EnrolmentResource {

    /**
     * The request.
     *
     * @param pupilIdKind {@code BSN}, {@code ONDERWIJSNUMMER} or {@code RIJKSREGISTERNUMMER}
     * @param pupilId the number, digits only
     * @param sendingSchool the school the pupil comes from, when known
     * @param enrolmentDate the first school day at the receiving school
     */
    public record EnrolmentRequest(@NotNull String pupilIdKind, @NotNull String pupilId,
            @Pattern(regexp = SchoolId.FORM, message = SchoolId.DESCRIPTION) String sendingSchool,
            @NotNull LocalDate enrolmentDate) {

        @Override
        public String toString() {
            return "EnrolmentRequest[pupilIdKind=" + pupilIdKind + ", pupilId=***, sendingSchool=" + sendingSchool
                    + ", enrolmentDate=" + enrolmentDate + "]";
        }
    }

    @Inject
    CurrentCaller caller;

    @Inject
    EnrolmentService enrolments;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an enrolment; it matches the pupil's dossier now or when the dossier comes")
    public Uni<Response> enrol(@Valid @NotNull EnrolmentRequest request) {
        PupilId pupil = PupilIds.parse(request.pupilIdKind(), request.pupilId());
        return enrolments.enrol(caller.get(), new EnrolmentService.Enrolment(pupil, request.sendingSchool(),
                        request.enrolmentDate()))
                .map(view -> Response.created(URI.create("/api/v1/enrolments/" + view.id())).entity(view).build());
    }

    @GET
    @Operation(summary = "The school's own enrolments, whether each is matched, and when it was purged")
    public Uni<List<EnrolmentView>> list(@QueryParam("unmatched") boolean unmatched, @QueryParam("limit") String limit) {
        int size = QueryParams.limit("/limit", limit);
        return enrolments.list(caller.get(), unmatched, size);
    }
}
