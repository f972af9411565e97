package nl.overdracht.operations;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.openapi.ContractFilter;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import nl.overdracht.openapi.Audiences;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/operator/stuck}: the work in the operator's region that waits for someone to act
 * ({@link StuckKind}), oldest first, at most {@code limit} items ({@value QueryParams#DEFAULT_LIMIT} unless
 * given, 1 to {@value QueryParams#MAX_LIMIT}); the counts are of everything stuck, not only the items
 * listed. Dossier ids, states and times only, never content or a pupil id.
 */
@Path("/api/v1/operator/stuck")
@Tag(name = Audiences.OPERATOR)
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class StuckResource {

    /**
     * One stuck item.
     *
     * @param kind a {@link StuckKind#label()}
     * @param stage the dossier's lifecycle state
     * @param since since when it waits: the package's creation, the release, the submission, the enrolment
     * @param ageSeconds how long that is, now
     */
    @Schema(name = "StuckItem", requiredProperties = {"kind", "dossierId", "stage", "since", "ageSeconds"})
    public record Item(String kind, UUID dossierId, @Schema(ref = ContractFilter.TRANSFER_STATE) String stage,
            Instant since, long ageSeconds) {
    }

    /** The region's stuck work: every kind counted, the oldest items listed. */
    @Schema(name = "Stuck", requiredProperties = {"region", "counts", "items"})
    public record Stuck(String region, Map<String, Long> counts, List<Item> items) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    Pool pool;

    @Inject
    StuckWork stuck;

    @Inject
    Clock clock;

    @GET
    @Operation(operationId = "listStuckWork", summary = "List the region's stuck work",
            description = "Work stuck in the operator's region (not downloaded, withheld, expiring unmatched, "
                    + "enrolment conflicts): every kind counted, the oldest items listed; ids, states and times only.")
    @APIResponse(responseCode = "200", description = "The stuck work")
    public Uni<Stuck> list(@Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        int size = QueryParams.limit("/limit", limit);
        String region = caller.get().requireRegion();
        Instant now = clock.instant();
        return stuck.counts(pool, region, now).flatMap(counts -> stuck.oldest(pool, region, now, size).map(items -> {
            Map<String, Long> byKind = new LinkedHashMap<>();
            counts.forEach((kind, count) -> byKind.put(kind.label(), count));
            return new Stuck(region, byKind, items.stream().map(item -> new Item(item.kind().label(), item.dossierId(),
                    item.stage(), item.since(), Math.max(0, Duration.between(item.since(), now).toSeconds()))).toList());
        }));
    }
}
