package nl.overdracht.lifecycle;

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

/** The dossier's event on {@code dossier-events} keeps its wire form: a golden vector, read and written. */
class DossierStateChangedTest {

    private static final DossierStateChanged RELEASED = new DossierStateChanged(
            UUID.fromString("0b6a8f1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b"), TransitionName.RELEASE, "OBJECTION_WINDOW",
            "RELEASED", 2, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            Instant.parse("2026-03-15T10:00:00Z"));

    private static JsonObject vector() throws IOException {
        try (InputStream in = DossierStateChangedTest.class.getResourceAsStream("/vectors/dossier-state-changed.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void the_golden_vector_reads_as_the_event() throws IOException {
        OutboxEvent event = OutboxEvent.fromJson(vector());

        assertThat(DossierStateChanged.from(event)).contains(RELEASED);
    }

    @Test
    void the_event_writes_exactly_the_golden_vector() throws IOException {
        JsonObject golden = vector();
        OutboxEvent written = new OutboxEvent(UUID.fromString(golden.getString("eventId")), "dossier",
                RELEASED.dossierId(), DossierStateChanged.TYPE, RELEASED.toJson(), RELEASED.at());

        assertThat(written.toJson()).isEqualTo(golden);
    }

    @Test
    void another_event_type_is_not_a_state_change() throws IOException {
        JsonObject other = vector().put("type", "SomethingElse");

        assertThat(DossierStateChanged.from(OutboxEvent.fromJson(other))).isEmpty();
    }

    @Test
    void a_payload_without_its_fields_is_skipped_not_thrown() throws IOException {
        JsonObject broken = vector();
        broken.getJsonObject("payload").remove("transition");

        assertThat(DossierStateChanged.from(OutboxEvent.fromJson(broken))).isEmpty();
        assertThatThrownBy(() -> DossierStateChanged.fromJson(broken.getJsonObject("payload")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_unknown_state_name_is_refused() {
        assertThatThrownBy(() -> new DossierStateChanged(RELEASED.dossierId(), TransitionName.RELEASE, "OBJECTION_WINDOW",
                "SHIPPED", 1, RELEASED.contentSha256(), RELEASED.at())).isInstanceOf(IllegalArgumentException.class);
    }
}
