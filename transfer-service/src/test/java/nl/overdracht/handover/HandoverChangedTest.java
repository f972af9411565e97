package nl.overdracht.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import nl.overdracht.outbox.OutboxEvent;
import org.junit.jupiter.api.Test;

/** The warm handover's event on {@code dossier-events} keeps its wire form: a golden vector. */
class HandoverChangedTest {

    private static final HandoverChanged REMINDED = new HandoverChanged(
            UUID.fromString("0b6a8f1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b"), "REMINDED", "REQUESTED", "dossier",
            Instant.parse("2026-03-29T10:00:00Z"));

    private static JsonObject vector() throws IOException {
        try (InputStream in = HandoverChangedTest.class.getResourceAsStream("/vectors/handover-changed.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void the_event_writes_exactly_the_golden_vector() throws IOException {
        JsonObject golden = vector();
        OutboxEvent written = new OutboxEvent(UUID.fromString(golden.getString("eventId")), "dossier",
                REMINDED.dossierId(), HandoverChanged.TYPE, REMINDED.toJson(), REMINDED.at());

        assertThat(written.toJson()).isEqualTo(golden);
    }

    @Test
    void its_payload_holds_ids_states_and_a_time_only() throws IOException {
        assertThat(vector().getJsonObject("payload").fieldNames())
                .containsExactlyInAnyOrder("dossierId", "step", "state", "requestedBy", "at");
    }

    @Test
    void a_step_that_is_not_one_is_refused() {
        assertThatThrownBy(() -> new HandoverChanged(UUID.randomUUID(), "CALLED", "REQUESTED", "dossier", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
