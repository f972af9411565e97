package nl.overdracht.webhook;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One notification's body: the stable event id a school deduplicates by, what happened, to which
 * dossier, the state it is in and when. Ids, states, the type and times only; never a pupil id or
 * content. Golden vector: {@code src/test/resources/vectors/webhook-event.json}.
 *
 * @param id the same in every attempt, and in the {@code Webhook-Id} header
 * @param state the dossier's state after the event
 * @param enrolmentId the enrolment that conflicted, for {@link WebhookEventType#ENROLMENT_CONFLICT} only
 */
public record WebhookEvent(UUID id, WebhookEventType type, UUID dossierId, String state, Optional<UUID> enrolmentId,
        Instant occurredAt) {

    public WebhookEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dossierId, "dossierId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(enrolmentId, "enrolmentId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("id", id.toString())
                .put("type", type.wireName())
                .put("dossierId", dossierId.toString())
                .put("state", state);
        enrolmentId.ifPresent(enrolment -> json.put("enrolmentId", enrolment.toString()));
        return json.put("occurredAt", occurredAt.toString());
    }
}
