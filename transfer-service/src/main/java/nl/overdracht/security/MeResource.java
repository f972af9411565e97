package nl.overdracht.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import nl.overdracht.openapi.Audiences;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/me}: who the token says the caller is. */
@Path("/api/v1/me")
@Tag(name = Audiences.ME)
public class MeResource {

    /** The answer: the caller's school or region, and roles sorted by name. */
    @Schema(name = "Me", requiredProperties = {"subject", "roles"})
    public record Me(String subject, String school, String region, List<String> roles) {
    }

    @Inject
    CurrentCaller callers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SENDING_SCHOOL, Roles.RECEIVING_SCHOOL, Roles.OPERATOR, Roles.AUDITOR,
            Roles.NATIONAL_AUDITOR})
    @Operation(operationId = "getMe", summary = "Who the caller is",
            description = "The caller's subject, school or region and roles, as the token states them.")
    @APIResponse(responseCode = "200", description = "The caller")
    public Me me() {
        Caller caller = callers.get();
        return new Me(caller.subject(), caller.school().orElse(null), caller.region().orElse(null),
                caller.roles().stream().sorted().toList());
    }
}
