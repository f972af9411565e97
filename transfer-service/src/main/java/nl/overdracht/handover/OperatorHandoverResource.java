package nl.overdracht.handover;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import nl.overdracht.openapi.Audiences;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/operator/handovers}: how many warm handovers of the operator's region stand in each
 * state, and how many requested ones are overdue (reminded, still not scheduled). Counts only, never a
 * dossier, a school's pupils or content.
 */
@Path("/api/v1/operator/handovers")
@Tag(name = Audiences.OPERATOR)
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class OperatorHandoverResource {

    /** The region's counts. */
    @Schema(name = "RegionHandoverCounts", requiredProperties = {"region", "asOf", "counts", "overdue"})
    public record Counts(String region, Instant asOf,
            @Schema(description = "Per state (REQUESTED, SCHEDULED, HELD, DECLINED), the handovers of dossiers whose "
                    + "sending or receiving school lies in the region") Map<String, Long> counts,
            @Schema(description = "Requested handovers the receiving school was reminded of and has still not "
                    + "scheduled") long overdue) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    HandoverService handovers;

    @Inject
    Clock clock;

    @GET
    @Operation(operationId = "countRegionHandovers", summary = "Count the region's warm handovers",
            description = "How many warm handovers of dossiers sent from or to the operator's region stand in each "
                    + "state, and how many requested ones are overdue (reminded, still not scheduled); counts only.")
    @APIResponse(responseCode = "200", description = "The counts")
    public Uni<Counts> counts() {
        String region = caller.get().requireRegion();
        Instant now = clock.instant();
        return handovers.countsForRegion(region).map(found -> new Counts(region, now, found.byState(), found.overdue()));
    }
}
