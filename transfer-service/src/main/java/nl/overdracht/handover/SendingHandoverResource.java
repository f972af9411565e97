package nl.overdracht.handover;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import nl.overdracht.openapi.Audiences;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/dossiers/{id}/handover}: the sending school asks for a warm handover of its dossier
 * (when the dossier itself did not) and reads how it stands.
 */
@Path("/api/v1/dossiers/{id}")
@Tag(name = Audiences.SENDING_SCHOOL)
@RolesAllowed(Roles.SENDING_SCHOOL)
@Produces(MediaType.APPLICATION_JSON)
public class SendingHandoverResource {

    @Inject
    CurrentCaller caller;

    @Inject
    HandoverService handovers;

    @POST
    @Path("handover")
    @Operation(operationId = "requestHandover", summary = "Ask for a warm handover",
            description = "Asks for a conversation with the receiving school about the pupil, whether or not the "
                    + "dossier asks for one, until the receiving school acknowledges the dossier. Asking again "
                    + "answers the handover as it stands (200). Who the contact person is stays in the dossier.")
    @APIResponse(responseCode = "201", description = "Requested; Location names the handover",
            headers = @Header(name = "Location", description = "The handover's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HandoverView.class)))
    @APIResponse(responseCode = "200", description = "Already asked for; the handover as it stands",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HandoverView.class)))
    @APIResponse(responseCode = "409", description = "The dossier was acknowledged or has ended")
    public Uni<Response> request(@Parameter(description = "The dossier's id") @PathParam("id") UUID id) {
        return handovers.request(caller.get(), id).map(requested -> requested.created()
                ? Response.created(URI.create("/api/v1/dossiers/" + id + "/handover")).entity(requested.handover()).build()
                : Response.ok(requested.handover()).build());
    }

    @GET
    @Path("handover")
    @Operation(operationId = "getDossierHandover", summary = "Read the warm handover of a dossier",
            description = "How the warm handover of the school's dossier stands: requested, scheduled (when, which "
                    + "roles), held, or declined with a reason code. 404 when none was asked for.")
    @APIResponse(responseCode = "200", description = "The handover")
    public Uni<HandoverView> get(@Parameter(description = "The dossier's id") @PathParam("id") UUID id) {
        return handovers.forSender(caller.get(), id);
    }
}
