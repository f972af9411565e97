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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The sending school records the parents' inspection and objections on their behalf. */
@Path("/api/v1/dossiers/{id}")
@Tag(name = "objections")
@RolesAllowed(Roles.SENDING_SCHOOL)
@Produces(MediaType.APPLICATION_JSON)
public class ObjectionResource {

    /**
     * @param scope {@code whole} or {@code sections}
     * @param sections the sections objected to, for scope {@code sections}
     * @param objectedBy who objected: {@code parent}, {@code guardian} or {@code pupil} (never a name)
     * @param objectedOn when
     */
    public record ObjectionRequest(@NotNull @Pattern(regexp = "whole|sections") String scope,
            @Size(max = 50) List<@NotNull @Size(max = 100) String> sections,
            @NotNull @Pattern(regexp = "parent|guardian|pupil") String objectedBy, @NotNull LocalDate objectedOn) {
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
    @Operation(summary = "Record the parents' objection to the whole dossier or to named sections")
    public Uni<Response> object(@PathParam("id") UUID id, @Valid @NotNull ObjectionRequest request) {
        boolean whole = request.scope().equals("whole");
        return objections.object(caller.get(), id, new ObjectionService.Objection(whole,
                        whole || request.sections() == null ? List.of() : request.sections(), request.objectedBy(),
                        request.objectedOn()))
                .map(view -> Response.created(URI.create("/api/v1/dossiers/" + id + "/objections/" + view.id()))
                        .entity(view).build());
    }

    @GET
    @Path("objections")
    @Operation(summary = "The dossier's objections")
    public Uni<List<ObjectionView>> list(@PathParam("id") UUID id) {
        return objections.list(caller.get(), id);
    }

    @DELETE
    @Path("objections/{objectionId}")
    @Operation(summary = "Withdraw a section objection before the window closes")
    public Uni<ObjectionView> withdraw(@PathParam("id") UUID id, @PathParam("objectionId") UUID objectionId) {
        return objections.withdraw(caller.get(), id, objectionId);
    }

    @POST
    @Path("inspection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the parents' inspection (for OSO XML the dossier's own inzage block is the record)")
    public Uni<Response> inspect(@PathParam("id") UUID id, @Valid @NotNull InspectionRequest request) {
        return objections.inspect(caller.get(), id, new ObjectionService.Inspection(request.inspectedOn(),
                        request.agreed(), request.reason()))
                .map(done -> Response.status(Response.Status.CREATED).build());
    }
}
