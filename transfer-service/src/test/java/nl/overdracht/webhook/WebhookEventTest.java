package nl.overdracht.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.lifecycle.TransitionName;
import org.junit.jupiter.api.Test;

/** The body's wire form is pinned by a golden vector; the backoff doubles up to its maximum. */
class WebhookEventTest {

    @Test
    void the_body_is_byte_for_byte_the_golden_vector() throws IOException {
        // Given the golden vector and the event it encodes
        String vector;
        try (InputStream in = WebhookEventTest.class.getResourceAsStream("/vectors/webhook-event.json")) {
            vector = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        WebhookEvent event = new WebhookEvent(UUID.fromString("3d5f0c8e-9b1a-4e2c-8f7d-6a5b4c3d2e1f"),
                WebhookEventType.ENROLMENT_CONFLICT, UUID.fromString("0b6a8f1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b"),
                "AWAITING_ENROLMENT", Optional.of(UUID.fromString("7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e5f")),
                Instant.parse("2026-03-15T10:00:00Z"));

        // When it is encoded, then it is the vector
        assertThat(event.toJson().encode()).isEqualTo(vector);
    }

    @Test
    void only_the_transitions_a_school_acts_on_become_events() {
        assertThat(WebhookEventType.of(TransitionName.PACKAGE)).contains(WebhookEventType.DOSSIER_DELIVERABLE);
        assertThat(WebhookEventType.of(TransitionName.ACCEPT)).isEmpty();
        assertThat(WebhookEventType.of(TransitionName.REPACKAGE)).isEmpty();
        assertThat(WebhookEventType.of(TransitionName.PURGE)).isEmpty();
    }

    @Test
    void the_wait_after_a_failure_doubles_up_to_the_maximum_and_the_last_attempt_gives_up() {
        WebhookConfig config = new WebhookSettingsCheckTest.Settings(Duration.ofSeconds(1), 50, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(60), 5, Optional.empty(), Duration.ofDays(30));
        Instant now = Instant.parse("2026-03-15T10:00:00Z");

        assertThat(Attempt.backoff(1, config)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Attempt.backoff(2, config)).isEqualTo(Duration.ofSeconds(20));
        assertThat(Attempt.backoff(3, config)).isEqualTo(Duration.ofSeconds(40));
        assertThat(Attempt.backoff(4, config)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Attempt.after(Optional.of(500), Optional.empty(), 4, now, config).nextAttempt())
                .contains(now.plusSeconds(60));
        assertThat(Attempt.after(Optional.of(500), Optional.empty(), 5, now, config).givenUpAt()).contains(now);
        assertThat(Attempt.after(Optional.of(204), Optional.empty(), 1, now, config).deliveredAt()).contains(now);
    }
}
