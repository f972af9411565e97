package nl.overdracht.feedback;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import nl.overdracht.openapi.Audiences;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * School-career feedback: the code list, the receiving school's due deliveries and reports, the
 * sending school's outcomes and the region's.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CareerFeedbackResource {

    /** One delivery's outcome. */
    public record OutcomeReport(@Schema(description = "The delivery's id (the dossier's id)") @NotNull UUID deliveryId,
            @Schema(description = "A code of the list at /api/v1/career-feedback/codes", example = "advised-track")
            @NotNull @Size(max = 64) String code) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    CareerFeedbackService feedback;

    @GET
    @Path("career-feedback/codes")
    @Tag(name = Audiences.RECEIVING_SCHOOL)
    @Tag(name = Audiences.SENDING_SCHOOL)
    @Tag(name = Audiences.OPERATOR)
    @RolesAllowed({Roles.RECEIVING_SCHOOL, Roles.SENDING_SCHOOL, Roles.OPERATOR})
    @Operation(operationId = "listCareerOutcomeCodes", summary = "List the school-career outcome codes",
            description = "The codes a receiving school reports an outcome in, with Dutch and English labels; an "
                    + "inactive code is no longer accepted but may still be counted.")
    @APIResponse(responseCode = "200", description = "The codes, in their order")
    public Uni<List<OutcomeCode>> codes() {
        return feedback.codes();
    }

    @GET
    @Path("career-feedback/due")
    @Tag(name = Audiences.RECEIVING_SCHOOL)
    @RolesAllowed(Roles.RECEIVING_SCHOOL)
    @Operation(operationId = "listDueCareerOutcomes", summary = "List the deliveries whose outcome is due",
            description = "The school's acknowledged deliveries whose outcome is due (overdracht.feedback.due-after "
                    + "after the acknowledgement) and not yet reported, oldest first.")
    @APIResponse(responseCode = "200", description = "The due deliveries")
    public Uni<List<DueOutcome>> due(@Parameter(description = QueryParams.LIMIT_DESCRIPTION,
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        return feedback.due(caller.get(), QueryParams.limit("/limit", limit));
    }

    @POST
    @Path("career-feedback/outcomes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = Audiences.RECEIVING_SCHOOL)
    @RolesAllowed(Roles.RECEIVING_SCHOOL)
    @Operation(operationId = "reportCareerOutcome", summary = "Report a pupil's school-career outcome",
            description = "Reports how the pupil of a due delivery fares, once. The delivery is marked as reported "
                    + "without its code; the code is only added to a count of the two schools, the school year and "
                    + "the advice level, which no id, time or order links back to the pupil.")
    @APIResponse(responseCode = "204", description = "Reported and counted")
    @APIResponse(responseCode = "404", description = "No acknowledged delivery of this school with that id")
    @APIResponse(responseCode = "409", description = "Reported already, or not yet due")
    @APIResponse(responseCode = "422", description = "The code is not on the list")
    public Uni<Response> report(@Valid @NotNull OutcomeReport report) {
        return feedback.report(caller.get(), report.deliveryId(), report.code())
                .map(done -> Response.noContent().build());
    }

    @GET
    @Path("career-feedback/outcomes")
    @Tag(name = Audiences.SENDING_SCHOOL)
    @RolesAllowed(Roles.SENDING_SCHOOL)
    @Operation(operationId = "getCareerOutcomes", summary = "Read how the school's former pupils fare",
            description = "The outcomes the receiving schools reported for the school's pupils, counted per school "
                    + "year and advice level. A count under k (overdracht.feedback.k) is hidden, and so is any count "
                    + "that subtraction from the row's total would give away; a row under k pupils, or one in which "
                    + "every pupil fared alike, is withheld whole.")
    @APIResponse(responseCode = "200", description = "The outcome table")
    public Uni<OutcomeTable> ofSender() {
        return feedback.ofSender(caller.get());
    }

    @GET
    @Path("operator/career-outcomes")
    @Tag(name = Audiences.OPERATOR)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "getRegionCareerOutcomes", summary = "Read the region's school-career outcomes",
            description = "The outcomes of the pupils of every sending school in the operator's region, counted per "
                    + "school year and advice level, under the same suppression as a sending school's table.")
    @APIResponse(responseCode = "200", description = "The outcome table")
    public Uni<OutcomeTable> ofRegion() {
        return feedback.ofRegion(caller.get());
    }
}
