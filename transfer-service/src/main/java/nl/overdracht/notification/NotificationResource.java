package nl.overdracht.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.overdracht.openapi.ContractFilter;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import nl.overdracht.openapi.Audiences;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/notifications}: what happened to the sending school's dossiers, newest first. */
@Path("/api/v1/notifications")
@Tag(name = Audiences.SENDING_SCHOOL)
@RolesAllowed(Roles.SENDING_SCHOOL)
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    /** One notification: which dossier, what it became, when. */
    @Schema(name = "Notification", requiredProperties = {"id", "dossierId", "state", "createdAt"})
    public record Notification(UUID id, UUID dossierId, @Schema(ref = ContractFilter.TRANSFER_STATE) String state,
            Instant createdAt) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    Pool pool;

    @Inject
    NotificationRepository notifications;

    @GET
    @Operation(operationId = "listNotifications", summary = "List the school's notifications",
            description = "The latest 200 notifications about the sending school's dossiers: which dossier, what "
                    + "it became, when.")
    @APIResponse(responseCode = "200", description = "The notifications, newest first")
    public Uni<List<Notification>> list() {
        String school = caller.get().requireSchool();
        return notifications.latestOf(pool, school, 200);
    }
}
