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
import nl.overdracht.openapi.Audiences;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/enrolments}: the receiving school records that a pupil enrolled. */
@Path("/api/v1/enrolments")
@Tag(name = Audiences.RECEIVING_SCHOOL)
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
    public record EnrolmentRequest(
            @Schema(enumeration = {"BSN", "ONDERWIJSNUMMER", "RIJKSREGISTERNUMMER"}, example = "BSN") @NotNull String pupilIdKind,
            @Schema(description = "The number, digits only", example = "123456782") @NotNull String pupilId,
            @Schema(description = "The school the pupil comes from, when known", example = "01XX00")
            @Pattern(regexp = SchoolId.FORM, message = SchoolId.DESCRIPTION) String sendingSchool,
            @Schema(description = "The first school day at the receiving school") @NotNull LocalDate enrolmentDate) {

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
    @Operation(operationId = "enrol", summary = "Record an enrolment",
            description = "Records that a pupil enrols at the receiving school. It matches the pupil's dossier now "
                    + "or when the dossier comes; a match opens the parents' objection window.")
    @APIResponse(responseCode = "201", description = "Recorded; Location names the enrolment",
            headers = @Header(name = "Location", description = "The enrolment's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolmentView.class)))
    @APIResponse(responseCode = "422", description = "The pupil id is not valid for its kind")
    public Uni<Response> enrol(@Valid @NotNull EnrolmentRequest request) {
        PupilId pupil = PupilIds.parse(request.pupilIdKind(), request.pupilId());
        return enrolments.enrol(caller.get(), new EnrolmentService.Enrolment(pupil, request.sendingSchool(),
                        request.enrolmentDate()))
                .map(view -> Response.created(URI.create("/api/v1/enrolments/" + view.id())).entity(view).build());
    }

    @GET
    @Operation(operationId = "listEnrolments", summary = "List the school's enrolments",
            description = "The receiving school's own enrolments, newest first: whether each is matched, and when "
                    + "it was purged.")
    @APIResponse(responseCode = "200", description = "The enrolments")
    public Uni<List<EnrolmentView>> list(@Parameter(description = "Only the enrolments that match no dossier yet")
            @QueryParam("unmatched") boolean unmatched,
            @Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        int size = QueryParams.limit("/limit", limit);
        return enrolments.list(caller.get(), unmatched, size);
    }
}
