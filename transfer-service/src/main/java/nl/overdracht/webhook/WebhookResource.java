package nl.overdracht.webhook;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.platform.StrictJson;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/webhook}: a school registers the one HTTPS endpoint of its own system that is
 * pushed what happens to its dossiers, and reads how the pushes went. The school is the token's.
 */
@Path("/api/v1/webhook")
@Tag(name = "webhooks")
@RolesAllowed({Roles.SENDING_SCHOOL, Roles.RECEIVING_SCHOOL})
@Produces(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
public class WebhookResource {

    /** The endpoint to push to: https, no user name or password, no fragment. */
    public record EndpointRequest(@NotBlank @Size(max = WebhookUrl.MAX_LENGTH) String url) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    WebhookService webhooks;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or replace the school's webhook endpoint (201 when new, 200 when replaced)")
    public Uni<Response> put(@Valid @NotNull EndpointRequest request) {
        return webhooks.put(caller.get(), request.url())
                .map(put -> Response.status(put.created() ? 201 : 200).entity(put.endpoint()).build());
    }

    @GET
    @Operation(summary = "The school's webhook endpoint")
    public Uni<WebhookService.EndpointView> get() {
        return webhooks.get(caller.get());
    }

    @DELETE
    @Operation(summary = "Remove the school's webhook endpoint; what is still queued for it is given up")
    public Uni<Response> remove() {
        return webhooks.remove(caller.get()).map(done -> Response.noContent().build());
    }

    @GET
    @Path("deliveries")
    @Operation(summary = "The school's webhook deliveries, oldest first, paged by cursor")
    public Uni<WebhookService.DeliveryPage> deliveries(@QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return webhooks.deliveries(caller.get(), QueryParams.cursor("/cursor", cursor), QueryParams.limit("/limit", limit));
    }
}
