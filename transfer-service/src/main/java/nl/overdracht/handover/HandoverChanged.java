package nl.overdracht.handover;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import nl.overdracht.outbox.OutboxEvent;

/**
 * The event of a warm handover's every step, published to {@code dossier-events} with the dossier
 * as key: the dossier id, the step, the handover's state after it, who asked, and when. Never a
 * name, a role list, a time of the conversation or content.
 *
 * @param step {@code REQUESTED}, {@code SCHEDULED}, {@code HELD}, {@code DECLINED}, {@code REMINDED}
 *     (not scheduled in time) or {@code CANCELLED} (a revision of the dossier no longer asks for it)
 * @param state the handover's state after the step; {@code NONE} once cancelled
 */
public record HandoverChanged(UUID dossierId, String step, String state, String requestedBy, Instant at) {

    /** The event type on the outbox and on Kafka. */
    public static final String TYPE = "HandoverChanged";

    /** The steps, as {@link #step} names them. */
    public static final List<String> STEPS = List.of("REQUESTED", "SCHEDULED", "HELD", "DECLINED", "REMINDED",
            "CANCELLED");

    public HandoverChanged {
        Objects.requireNonNull(dossierId, "dossierId");
        if (!STEPS.contains(step)) {
            throw new IllegalArgumentException("not a handover step: " + step);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(at, "at");
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("dossierId", dossierId.toString())
                .put("step", step)
                .put("state", state)
                .put("requestedBy", requestedBy)
                .put("at", at.toString());
    }

    /** The outbox event that carries it, keyed by the dossier. */
    public OutboxEvent toOutboxEvent() {
        return OutboxEvent.dossier(dossierId, TYPE, toJson(), at);
    }
}
