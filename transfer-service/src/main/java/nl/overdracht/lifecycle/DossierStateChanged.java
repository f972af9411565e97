package nl.overdracht.lifecycle;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.outbox.OutboxEvent;
import org.jboss.logging.Logger;

/**
 * The dossier aggregate's one event: a transition was carried out. Ids, state names, the revision
 * and the content hash only; never content or a pupil id. Its JSON form is the payload of the
 * {@link OutboxEvent} published to {@code dossier-events} (golden vector:
 * {@code src/test/resources/vectors/dossier-state-changed.json}).
 *
 * @param from the stored name of the state it left
 * @param state the stored name of the state it entered
 * @param contentSha256 SHA-256 of the current revision's plaintext, hex
 */
public record DossierStateChanged(UUID dossierId, TransitionName transition, String from, String state, int revision,
        String contentSha256, Instant at) {

    /** The event type on the outbox and on Kafka. */
    public static final String TYPE = "DossierStateChanged";

    private static final Logger LOG = Logger.getLogger(DossierStateChanged.class);

    public DossierStateChanged {
        Objects.requireNonNull(dossierId, "dossierId");
        Objects.requireNonNull(transition, "transition");
        TransferState.requireName(from);
        TransferState.requireName(state);
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(at, "at");
    }

    static DossierStateChanged of(UUID dossierId, TransferState.Step<?> step, int revision, byte[] contentSha256,
            Instant at) {
        return new DossierStateChanged(dossierId, step.name(), step.from().name(), step.to().name(), revision,
                HexFormat.of().formatHex(contentSha256), at);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("dossierId", dossierId.toString())
                .put("transition", transition.name())
                .put("from", from)
                .put("state", state)
                .put("revision", revision)
                .put("contentSha256", contentSha256)
                .put("at", at.toString());
    }

    /** Reads the payload back; a payload that is not this event is an {@link IllegalArgumentException}. */
    public static DossierStateChanged fromJson(JsonObject json) {
        try {
            return new DossierStateChanged(UUID.fromString(json.getString("dossierId")),
                    TransitionName.valueOf(json.getString("transition")), json.getString("from"), json.getString("state"),
                    json.getInteger("revision"), json.getString("contentSha256"), Instant.parse(json.getString("at")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a " + TYPE + " payload", e);
        }
    }

    /** The outbox event that carries it, keyed by the dossier. */
    public OutboxEvent toOutboxEvent() {
        return OutboxEvent.dossier(dossierId, TYPE, toJson(), at);
    }

    /**
     * The state change an outbox event carries; empty for any other event type, and (with a warning
     * naming no content) for a payload that is not one: a consumer skips it rather than stop on it.
     */
    public static Optional<DossierStateChanged> from(OutboxEvent event) {
        if (!TYPE.equals(event.type())) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(event.payload()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipped event %s: its payload is not a %s", event.eventId(), TYPE);
            return Optional.empty();
        }
    }
}
