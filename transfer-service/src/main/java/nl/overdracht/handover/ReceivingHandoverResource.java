package nl.overdracht.handover;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.openapi.Audiences;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
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
 * {@code /api/v1/handovers}: after the match the receiving school sees which of its incoming pupils need a
 * conversation with the sending school, and schedules it, records it held, or declines it. Before the match
 * it sees nothing (404, as for a dossier that does not exist).
 */
@Path("/api/v1/handovers")
@Tag(name = Audiences.RECEIVING_SCHOOL)
@RolesAllowed(Roles.RECEIVING_SCHOOL)
@Produces(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
public class ReceivingHandoverResource {

    /**
     * @param plannedAt when the conversation is planned
     * @param participants who takes part: roles, never names
     */
    public record ScheduleRequest(
            @Schema(description = "When the conversation is planned", example = "2026-09-03T14:00:00Z")
            @NotNull Instant plannedAt,
            @Schema(description = "Who takes part: roles, never names; each one of mentor, intern-begeleider, "
                    + "zorgcoordinator, teacher, parent, pupil", example = "[\"mentor\", \"zorgcoordinator\"]")
            @NotEmpty @Size(max = 6) List<@NotNull @Pattern(regexp = HandoverCodes.PARTICIPANT_ROLE_PATTERN) String> participants) {
    }

    /** @param heldAt when the conversation was held; not in the future */
    public record HeldRequest(@Schema(description = "When the conversation was held; not in the future",
            example = "2026-09-03T14:00:00Z") @NotNull Instant heldAt) {
    }

    /** @param reason why the receiving school declines the conversation */
    public record DeclineRequest(@Schema(description = "Why the conversation is declined", enumeration = {"not-needed",
            "dossier-sufficient", "parents-declined", "pupil-not-starting", "no-capacity"}, example = "not-needed")
            @NotNull @Pattern(regexp = HandoverCodes.DECLINE_REASON_PATTERN) String reason) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    HandoverService handovers;

    @GET
    @Operation(operationId = "listHandovers", summary = "List the warm handovers of the school's incoming pupils",
            description = "The warm handovers of the dossiers matched with the school's enrolments, oldest request "
                    + "first, optionally only those in one state: which incoming pupils need a conversation with "
                    + "their sending school, and how it stands. Roles and reason codes only, never names.")
    @APIResponse(responseCode = "200", description = "The handovers")
    public Uni<List<HandoverView>> list(@Parameter(description = "Only handovers in this state",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"REQUESTED", "SCHEDULED", "HELD",
                            "DECLINED"}))
            @QueryParam("state") String state,
            @Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        int size = QueryParams.limit("/limit", limit);
        return handovers.listForReceiver(caller.get(), checkState(state), size);
    }

    @GET
    @Path("{dossierId}")
    @Operation(operationId = "getHandover", summary = "Read a warm handover of an incoming pupil",
            description = "The warm handover of a dossier matched with the school's enrolment. Before the match, "
                    + "or for another school's dossier, 404.")
    @APIResponse(responseCode = "200", description = "The handover")
    public Uni<HandoverView> get(@Parameter(description = "The dossier's id") @PathParam("dossierId") UUID dossierId) {
        return handovers.forReceiver(caller.get(), dossierId);
    }

    @POST
    @Path("{dossierId}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "scheduleHandover", summary = "Schedule the conversation",
            description = "Plans the conversation with the sending school: when, and which roles take part "
                    + "(mentor, intern-begeleider, zorgcoordinator, teacher, parent, pupil; never names). Scheduling "
                    + "again moves it. A handover already held or declined is 409.")
    @APIResponse(responseCode = "200", description = "The handover, now SCHEDULED")
    @APIResponse(responseCode = "409", description = "The handover was already held or declined")
    public Uni<HandoverView> schedule(@Parameter(description = "The dossier's id") @PathParam("dossierId") UUID dossierId,
            @Valid @NotNull ScheduleRequest request) {
        return handovers.schedule(caller.get(), dossierId, request.plannedAt(), request.participants());
    }

    @POST
    @Path("{dossierId}/held")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordHandoverHeld", summary = "Record that the conversation was held",
            description = "Records when the conversation with the sending school took place, scheduled or not. "
                    + "A handover already held or declined is 409; a time in the future 422.")
    @APIResponse(responseCode = "200", description = "The handover, now HELD")
    @APIResponse(responseCode = "409", description = "The handover was already held or declined")
    @APIResponse(responseCode = "422", description = "The time lies in the future")
    public Uni<HandoverView> held(@Parameter(description = "The dossier's id") @PathParam("dossierId") UUID dossierId,
            @Valid @NotNull HeldRequest request) {
        return handovers.held(caller.get(), dossierId, request.heldAt());
    }

    @POST
    @Path("{dossierId}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "declineHandover", summary = "Decline the conversation",
            description = "Declines the conversation with a reason code (not-needed, dossier-sufficient, "
                    + "parents-declined, pupil-not-starting, no-capacity). A handover already held or declined is 409.")
    @APIResponse(responseCode = "200", description = "The handover, now DECLINED")
    @APIResponse(responseCode = "409", description = "The handover was already held or declined")
    public Uni<HandoverView> decline(@Parameter(description = "The dossier's id") @PathParam("dossierId") UUID dossierId,
            @Valid @NotNull DeclineRequest request) {
        return handovers.decline(caller.get(), dossierId, request.reason());
    }

    static Optional<HandoverState> checkState(String state) {
        if (state == null) {
            return Optional.empty();
        }
        if (!HandoverState.NAMES.contains(state)) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "state is not a handover state.",
                    List.of(new Problem.FieldError("/state", "one of " + HandoverState.NAMES)));
        }
        return Optional.of(HandoverState.valueOf(state));
    }
}
