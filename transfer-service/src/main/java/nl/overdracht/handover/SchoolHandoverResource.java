package nl.overdracht.handover;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
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
 * {@code /api/v1/school-handovers}: a school's own overview of warm handovers: counts per state as sender
 * and as receiver, and the sending school's list of its dossiers' handovers.
 */
@Path("/api/v1/school-handovers")
@Tag(name = Audiences.SENDING_SCHOOL)
@Tag(name = Audiences.RECEIVING_SCHOOL)
@RolesAllowed({Roles.SENDING_SCHOOL, Roles.RECEIVING_SCHOOL})
@Produces(MediaType.APPLICATION_JSON)
public class SchoolHandoverResource {

    /**
     * @param sending per state, the handovers of the dossiers the school sends; absent without the sending-school role
     * @param receiving per state, the handovers of the matched dossiers the school receives; absent without the
     *     receiving-school role
     */
    @Schema(name = "SchoolHandoverCounts")
    public record Counts(
            @Schema(description = "Per state (REQUESTED, SCHEDULED, HELD, DECLINED), the handovers of the dossiers "
                    + "the school sends; absent without the sending-school role") Map<String, Long> sending,
            @Schema(description = "Per state, the handovers of the matched dossiers the school receives; absent "
                    + "without the receiving-school role") Map<String, Long> receiving) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    HandoverService handovers;

    @GET
    @Path("counts")
    @Operation(operationId = "countSchoolHandovers", summary = "Count the school's warm handovers",
            description = "How many warm handovers stand in each state, of the dossiers the school sends and of the "
                    + "matched dossiers it receives, as far as its roles go. Counts only.")
    @APIResponse(responseCode = "200", description = "The counts")
    public Uni<Counts> counts() {
        return handovers.countsForSchool(caller.get()).map(found -> new Counts(found.sending(), found.receiving()));
    }

    @GET
    @Path("sent")
    @RolesAllowed(Roles.SENDING_SCHOOL)
    @Operation(operationId = "listSentHandovers", summary = "List the warm handovers of the school's dossiers",
            description = "The sending school's dossiers that ask for a conversation with their receiving school, "
                    + "oldest request first, optionally only those in one state, with how each stands.")
    @APIResponse(responseCode = "200", description = "The handovers")
    public Uni<List<HandoverView>> sent(@Parameter(description = "Only handovers in this state",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"REQUESTED", "SCHEDULED", "HELD",
                            "DECLINED"}))
            @QueryParam("state") String state,
            @Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        int size = QueryParams.limit("/limit", limit);
        return handovers.listForSender(caller.get(), ReceivingHandoverResource.checkState(state), size);
    }
}
