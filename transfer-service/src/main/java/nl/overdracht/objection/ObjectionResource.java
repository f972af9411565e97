package nl.overdracht.objection;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
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

/** The sending school records the parents' inspection and objections on their behalf. */
@Path("/api/v1/dossiers/{id}")
@Tag(name = Audiences.SENDING_SCHOOL)
@RolesAllowed(Roles.SENDING_SCHOOL)
@Produces(MediaType.APPLICATION_JSON)
public class ObjectionResource {

    /**
     * @param scope {@code whole} or {@code sections}
     * @param sections the sections objected to, for scope {@code sections}
     * @param objectedBy who objected: {@code parent}, {@code guardian} or {@code pupil} (never a name)
     * @param objectedOn when
     */
    public record ObjectionRequest(
            @Schema(description = "The whole dossier or named sections", enumeration = {"whole", "sections"},
                    example = "sections") @NotNull @Pattern(regexp = "whole|sections") String scope,
            @Schema(description = "The sections objected to, for scope sections") @Size(max = 50)
            List<@NotNull @Size(max = 100) String> sections,
            @Schema(description = "Who objected; never a name", enumeration = {"parent", "guardian", "pupil"},
                    example = "parent") @NotNull @Pattern(regexp = "parent|guardian|pupil") String objectedBy,
            @Schema(description = "When they objected; not in the future") @NotNull LocalDate objectedOn) {
    }

    /** The parents' inspection; {@code reason} only when they do not agree (stored encrypted). */
    public record InspectionRequest(@NotNull LocalDate inspectedOn, @NotNull Boolean agreed,
            @Size(max = 4000) String reason) {
        @Override
        public String toString() {
            return "InspectionRequest[inspectedOn=" + inspectedOn + ", agreed=" + agreed + ", reason=***]";
        }
    }

    @Inject
    CurrentCaller caller;

    @Inject
    ObjectionService objections;

    @POST
    @Path("objections")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordObjection", summary = "Record the parents' objection",
            description = "Records the parents' objection, during the objection window, to the whole dossier (it is "
                    + "then never delivered) or to named sections (they are removed from the delivery). A section "
                    + "the law makes mandatory cannot be objected to.")
    @APIResponse(responseCode = "201", description = "Recorded; Location names the objection",
            headers = @Header(name = "Location", description = "The objection's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObjectionView.class)))
    @APIResponse(responseCode = "409", description = "The objection window is closed, or the dossier's state allows no objection")
    @APIResponse(responseCode = "422", description = "A section is mandatory, or the date lies in the future")
    public Uni<Response> object(@Parameter(description = "The dossier's id") @PathParam("id") UUID id,
            @Valid @NotNull ObjectionRequest request) {
        boolean whole = request.scope().equals("whole");
        return objections.object(caller.get(), id, new ObjectionService.Objection(whole,
                        whole || request.sections() == null ? List.of() : request.sections(), request.objectedBy(),
                        request.objectedOn()))
                .map(view -> Response.created(URI.create("/api/v1/dossiers/" + id + "/objections/" + view.id()))
                        .entity(view).build());
    }

    @GET
    @Path("objections")
    @Operation(operationId = "listObjections", summary = "List a dossier's objections",
            description = "The objections recorded on the dossier, withdrawn ones with the time of withdrawal.")
    @APIResponse(responseCode = "200", description = "The objections")
    public Uni<List<ObjectionView>> list(@Parameter(description = "The dossier's id") @PathParam("id") UUID id) {
        return objections.list(caller.get(), id);
    }

    @DELETE
    @Path("objections/{objectionId}")
    @Operation(operationId = "withdrawObjection", summary = "Withdraw a section objection",
            description = "Withdraws an objection to sections before the objection window closes.")
    @APIResponse(responseCode = "200", description = "The withdrawn objection")
    @APIResponse(responseCode = "409", description = "The objection window is closed")
    public Uni<ObjectionView> withdraw(@Parameter(description = "The dossier's id") @PathParam("id") UUID id,
            @Parameter(description = "The objection's id") @PathParam("objectionId") UUID objectionId) {
        return objections.withdraw(caller.get(), id, objectionId);
    }

    @POST
    @Path("inspection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordInspection", summary = "Record the parents' inspection",
            description = "Records that the parents inspected the dossier, and whether they agree; a reason only "
                    + "when they do not (stored encrypted). For an OSO dossier its own inzage block is the record, "
                    + "and this is 422.")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "409", description = "The dossier's state allows no inspection record")
    @APIResponse(responseCode = "422", description = "The dossier is an OSO dossier, or the date lies in the future")
    public Uni<Response> inspect(@Parameter(description = "The dossier's id") @PathParam("id") UUID id,
            @Valid @NotNull InspectionRequest request) {
        return objections.inspect(caller.get(), id, new ObjectionService.Inspection(request.inspectedOn(),
                        request.agreed(), request.reason()))
                .map(done -> Response.status(Response.Status.CREATED).build());
    }
}
