package nl.overdracht.outbox;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one exported-event contract: which aggregate, which event, and a payload of ids, states,
 * times and hashes. The Kafka record's key is the aggregate id, its value {@link #toJson()}.
 *
 * @param eventId unique per event; consumers record it to stay idempotent
 * @param aggregateType {@code dossier}, {@code enrolment}, ...
 * @param aggregateId the dossier (or other aggregate) id, the Kafka key
 * @param type what happened, e.g. {@code DossierReleased}
 * @param payload ids, states, times and hashes; never personal data or content
 * @param occurredAt when the state change committed its transaction
 */
public record OutboxEvent(UUID eventId, String aggregateType, UUID aggregateId, String type, JsonObject payload,
        Instant occurredAt) {

    private static final Logger LOG = Logger.getLogger(OutboxEvent.class);

    public OutboxEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        payload = payload == null ? new JsonObject() : payload.copy();
    }

    /** A new event about a dossier. */
    public static OutboxEvent dossier(UUID dossierId, String type, JsonObject payload, Instant occurredAt) {
        return new OutboxEvent(UUID.randomUUID(), "dossier", dossierId, type, payload, occurredAt);
    }

    /** The wire form published to Kafka. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("eventId", eventId.toString())
                .put("aggregateType", aggregateType)
                .put("aggregateId", aggregateId.toString())
                .put("type", type)
                .put("occurredAt", occurredAt.toString())
                .put("payload", payload);
    }

    /**
     * A Kafka record's value read back, or empty (and a warning naming no content) when the record
     * is not an Overdracht event: a consumer skips such a record rather than stop on it.
     */
    public static Optional<OutboxEvent> parse(String record) {
        try {
            return Optional.of(fromJson(new JsonObject(record)));
        } catch (RuntimeException e) {
            LOG.warn("Skipped a dossier-events record that is not an Overdracht event");
            return Optional.empty();
        }
    }

    /** Reads the wire form back; a malformed record is an {@link IllegalArgumentException}. */
    public static OutboxEvent fromJson(JsonObject json) {
        try {
            return new OutboxEvent(UUID.fromString(json.getString("eventId")), json.getString("aggregateType"),
                    UUID.fromString(json.getString("aggregateId")), json.getString("type"),
                    json.getJsonObject("payload"), Instant.parse(json.getString("occurredAt")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an Overdracht event", e);
        }
    }
}
