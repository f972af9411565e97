package nl.overdracht.webhook;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import nl.overdracht.openapi.Audiences;
import nl.overdracht.platform.Problems;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.registry.SchoolId;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/operator/webhooks}: a region's operator sees its schools' endpoints and delivery
 * logs, and disables an endpoint that misbehaves.
 */
@Path("/api/v1/operator/webhooks")
@Tag(name = Audiences.OPERATOR)
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class OperatorWebhookResource {

    @Inject
    CurrentCaller caller;

    @Inject
    WebhookService webhooks;

    @GET
    @Operation(operationId = "listSchoolWebhooks", summary = "List the webhook endpoints of the region's schools",
            description = "Every endpoint a school of the operator's region registered, enabled or not.")
    @APIResponse(responseCode = "200", description = "The endpoints")
    public Uni<List<WebhookService.EndpointView>> list() {
        return webhooks.inRegion(caller.get());
    }

    @GET
    @Path("{school}/deliveries")
    @Operation(operationId = "listSchoolWebhookDeliveries", summary = "List a school's webhook deliveries",
            description = "A school's delivery log, as the school reads it, oldest first, paged by cursor; another "
                    + "region's school is 404.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    public Uni<WebhookService.DeliveryPage> deliveries(
            @Parameter(description = "The school's id", example = "02AB00") @PathParam("school") String school,
            @Parameter(description = QueryParams.CURSOR_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam("cursor") String cursor,
            @Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        return webhooks.deliveriesInRegion(caller.get(), checkId(school), QueryParams.cursor("/cursor", cursor),
                QueryParams.limit("/limit", limit));
    }

    @DELETE
    @Path("{school}")
    @Operation(operationId = "disableSchoolWebhook", summary = "Disable a school's webhook endpoint",
            description = "Stops the pushes to an endpoint that misbehaves; what is queued for it is given up. The "
                    + "school enables it again by registering it.")
    @APIResponse(responseCode = "204", description = "Disabled")
    public Uni<Response> disable(
            @Parameter(description = "The school's id", example = "02AB00") @PathParam("school") String school) {
        return webhooks.disable(caller.get(), checkId(school)).map(done -> Response.noContent().build());
    }

    private static String checkId(String id) {
        if (!SchoolId.isValid(id)) {
            throw Problems.noSuchSchool();
        }
        return id;
    }
}
