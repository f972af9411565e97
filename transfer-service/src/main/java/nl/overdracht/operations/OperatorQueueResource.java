package nl.overdracht.operations;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import nl.overdracht.openapi.Audiences;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/operator/queue}: how many released dossiers wait for their receiving schools
 * in the operator's region, at which stage, and since when. Counts and times only, never content.
 */
@Path("/api/v1/operator/queue")
@Tag(name = Audiences.OPERATOR)
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class OperatorQueueResource {

    /** The stages, in order: no package yet, package withheld, not downloaded, not acknowledged. */
    static final List<String> STAGES = List.of("awaiting-package", "withheld", "awaiting-download",
            "awaiting-acknowledgement");

    /**
     * One stage.
     *
     * @param oldestReleasedAt when the longest-waiting dossier of this stage was released; null when none waits
     * @param oldestWaitSeconds how long that is, at {@code asOf}; 0 when none waits
     */
    @Schema(name = "QueueStage", requiredProperties = {"stage", "count", "oldestWaitSeconds"})
    public record Stage(String stage, long count, Instant oldestReleasedAt, long oldestWaitSeconds) {
    }

    /** The region's queue. */
    @Schema(name = "Queue", requiredProperties = {"region", "asOf", "waiting", "stages"})
    public record Queue(String region, Instant asOf, long waiting, List<Stage> stages) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    Pool pool;

    @Inject
    DossierRepository dossiers;

    @Inject
    Clock clock;

    @GET
    @Operation(operationId = "getDeliveryQueue", summary = "Read the region's delivery queue",
            description = "Deliveries waiting in the operator's region, per stage (awaiting-package, withheld, "
                    + "awaiting-download, awaiting-acknowledgement), with the oldest wait; counts only.")
    @APIResponse(responseCode = "200", description = "The queue")
    public Uni<Queue> queue() {
        String region = caller.get().requireRegion();
        Instant now = clock.instant();
        return dossiers.deliveryQueue(pool, region).map(found -> {
            Map<String, Stage> stages = new LinkedHashMap<>();
            STAGES.forEach(stage -> stages.put(stage, new Stage(stage, 0, null, 0)));
            for (DossierRepository.QueueStage stage : found) {
                Instant oldest = stage.oldestReleasedAt();
                long wait = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds());
                stages.put(stage.stage(), new Stage(stage.stage(), stage.count(), oldest, wait));
            }
            long total = stages.values().stream().mapToLong(Stage::count).sum();
            return new Queue(region, now, total, List.copyOf(stages.values()));
        });
    }
}
