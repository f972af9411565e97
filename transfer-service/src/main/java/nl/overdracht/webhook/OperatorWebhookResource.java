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
import nl.overdracht.platform.Problems;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.registry.SchoolId;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/operator/webhooks}: a region's operator sees its schools' endpoints and delivery
 * logs, and disables an endpoint that misbehaves.
 */
@Path("/api/v1/operator/webhooks")
@Tag(name = "webhooks")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class OperatorWebhookResource {

    @Inject
    CurrentCaller caller;

    @Inject
    WebhookService webhooks;

    @GET
    @Operation(summary = "The webhook endpoints of the region's schools")
    public Uni<List<WebhookService.EndpointView>> list() {
        return webhooks.inRegion(caller.get());
    }

    @GET
    @Path("{school}/deliveries")
    @Operation(summary = "A school's webhook deliveries, oldest first, paged by cursor; another region's school is 404")
    public Uni<WebhookService.DeliveryPage> deliveries(@PathParam("school") String school,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return webhooks.deliveriesInRegion(caller.get(), checkId(school), QueryParams.cursor("/cursor", cursor),
                QueryParams.limit("/limit", limit));
    }

    @DELETE
    @Path("{school}")
    @Operation(summary = "Disable a school's endpoint; the school enables it again by registering it")
    public Uni<Response> disable(@PathParam("school") String school) {
        return webhooks.disable(caller.get(), checkId(school)).map(done -> Response.noContent().build());
    }

    private static String checkId(String id) {
        if (!SchoolId.isValid(id)) {
            throw Problems.noSuchSchool();
        }
        return id;
    }
}
