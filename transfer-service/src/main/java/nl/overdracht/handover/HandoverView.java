package nl.overdracht.handover;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A warm handover as both schools read it: who asked (the dossier or the sending school), where it
 * stands, when it is planned or was held, the participant roles and a decline reason code. Never a
 * name, phone number or e-mail address: the contact person stays inside the sealed dossier.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "HandoverView", requiredProperties = {"dossierId", "requestedBy", "state", "requestedAt",
        "participants", "updatedAt"})
public record HandoverView(UUID dossierId,
        @Schema(enumeration = {HandoverCodes.BY_DOSSIER, HandoverCodes.BY_SENDING_SCHOOL},
                description = "Who asked for the conversation") String requestedBy,
        @Schema(enumeration = {"REQUESTED", "SCHEDULED", "HELD", "DECLINED"}) String state,
        Instant requestedAt,
        @Schema(description = "When the conversation is planned") Instant scheduledFor,
        @Schema(description = "Who takes part: roles, never names") List<String> participants,
        @Schema(description = "When the conversation was held") Instant heldAt,
        @Schema(description = "Why the receiving school declined it", enumeration = {"not-needed",
                "dossier-sufficient", "parents-declined", "pupil-not-starting", "no-capacity"}) String declinedReason,
        @Schema(description = "When the receiving school was reminded that it was not scheduled in time")
        Instant remindedAt,
        Instant updatedAt) {

    static final String COLUMNS = "h.dossier_id, h.requested_by, h.state, h.requested_at, h.scheduled_for, "
            + "h.participants, h.held_at, h.declined_reason, h.reminded_at, h.updated_at";

    static HandoverView from(Row row) {
        return new HandoverView(row.getUUID("dossier_id"), row.getString("requested_by"), row.getString("state"),
                instant(row, "requested_at"), instant(row, "scheduled_for"),
                Arrays.asList(row.getArrayOfStrings("participants")), instant(row, "held_at"),
                row.getString("declined_reason"), instant(row, "reminded_at"), instant(row, "updated_at"));
    }

    HandoverState typedState() {
        return HandoverState.valueOf(state);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
