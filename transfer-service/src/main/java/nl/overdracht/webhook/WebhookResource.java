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
import nl.overdracht.openapi.Audiences;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.platform.StrictJson;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/webhook}: a school registers the one HTTPS endpoint of its own system that is
 * pushed what happens to its dossiers, and reads how the pushes went. The school is the token's.
 */
@Path("/api/v1/webhook")
@Tag(name = Audiences.SENDING_SCHOOL)
@Tag(name = Audiences.RECEIVING_SCHOOL)
@RolesAllowed({Roles.SENDING_SCHOOL, Roles.RECEIVING_SCHOOL})
@Produces(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
public class WebhookResource {

    /** The endpoint to push to: https, no user name or password, no fragment. */
    public record EndpointRequest(@Schema(description = "The endpoint: absolute https, no user name or password, no "
            + "fragment, at most 2048 characters", example = "https://las.example.nl/overdracht/notifications")
            @NotBlank @Size(max = WebhookUrl.MAX_LENGTH) String url) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    WebhookService webhooks;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putWebhook", summary = "Register or replace the school's webhook endpoint",
            description = "The one HTTPS endpoint of the school's own system that Overdracht POSTs its notifications "
                    + "to, signed (see the README, Webhooks). Registering again replaces the URL and enables an "
                    + "endpoint an operator disabled. The school is the token's.")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "422", description = "The URL is not an absolute https URL without credentials and "
            + "fragment")
    public Uni<Response> put(@Valid @NotNull EndpointRequest request) {
        return webhooks.put(caller.get(), request.url())
                .map(put -> Response.status(put.created() ? 201 : 200).entity(put.endpoint()).build());
    }

    @GET
    @Operation(operationId = "getWebhook", summary = "Read the school's webhook endpoint",
            description = "The school's endpoint, whether it is enabled, and when it was registered and changed.")
    @APIResponse(responseCode = "200", description = "The endpoint")
    @APIResponse(responseCode = "404", description = "The school has registered no endpoint")
    public Uni<WebhookService.EndpointView> get() {
        return webhooks.get(caller.get());
    }

    @DELETE
    @Operation(operationId = "removeWebhook", summary = "Remove the school's webhook endpoint",
            description = "Nothing is pushed any more; what is still queued for the endpoint is given up.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "The school has registered no endpoint")
    public Uni<Response> remove() {
        return webhooks.remove(caller.get()).map(done -> Response.noContent().build());
    }

    @GET
    @Path("deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "List the school's webhook deliveries",
            description = "Each notification queued for the school, oldest first: event id and type, dossier, attempts, "
                    + "the last status, the next attempt, and when it was delivered or given up. Paged by cursor.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    public Uni<WebhookService.DeliveryPage> deliveries(@Parameter(description = QueryParams.CURSOR_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam("cursor") String cursor,
            @Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        return webhooks.deliveries(caller.get(), QueryParams.cursor("/cursor", cursor), QueryParams.limit("/limit", limit));
    }
}
