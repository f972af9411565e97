package nl.overdracht.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

/** The relay's verdict (background health group) from its rounds and the age of the oldest unpublished event; its backoff. */
class OutboxRelayHealthTest {

    private static final Instant START = Instant.parse("2025-09-01T08:00:00Z");
    private static final Duration MAX_AGE = Duration.ofMinutes(1);

    @Test
    void a_relay_whose_last_round_failed_is_down_naming_the_failure_and_how_long_it_has_not_published() {
        // Given a relay that published at 08:00:00 and has failed to since 08:00:05
        RelayState state = new RelayState.Starting(START).succeeded(START)
                .failed(START.plusSeconds(5), PublishFailure.reason(new SaslAuthenticationException("bad credentials")))
                .failed(START.plusSeconds(10), "authentication failed");

        // When it is assessed at 08:00:42 with one event waiting since 08:00:03
        HealthCheckResponse response = OutboxRelayHealth.assess(state, waiting(START.plusSeconds(3)),
                START.plusSeconds(42), MAX_AGE);

        // Then it is down, saying for how long nothing was published and why
        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(response)).containsEntry("reason",
                        "the outbox relay has not published for 42 s; last error: authentication failed")
                .containsEntry("lastError", "authentication failed")
                .containsEntry("failingSince", START.plusSeconds(5).toString())
                .containsEntry("oldestUnpublishedAgeSeconds", 39L)
                .containsEntry("state", "FAILING")
                .containsEntry("unpublished", 1L);
    }

    @Test
    void a_relay_that_failed_before_it_ever_published_counts_from_its_start() {
        RelayState state = new RelayState.Starting(START).failed(START.plusSeconds(2), "timed out waiting for Kafka");

        HealthCheckResponse response = OutboxRelayHealth.assess(state, OutboxRepository.Backlog.NONE, START.plusSeconds(30), MAX_AGE);

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(response)).containsEntry("reason",
                "the outbox relay has not published for 30 s; last error: timed out waiting for Kafka");
    }

    @Test
    void a_relay_that_publishes_again_after_failing_is_up() {
        RelayState state = new RelayState.Starting(START).failed(START.plusSeconds(1), "authentication failed")
                .succeeded(START.plusSeconds(9));

        HealthCheckResponse response = OutboxRelayHealth.assess(state, OutboxRepository.Backlog.NONE, START.plusSeconds(10), MAX_AGE);

        assertThat(response.getStatus()).isEqualTo(Status.UP);
        assertThat(data(response)).containsEntry("lastRound", START.plusSeconds(9).toString()).doesNotContainKey("reason");
    }

    @Test
    void a_relay_with_nothing_to_publish_is_up() {
        HealthCheckResponse response = OutboxRelayHealth.assess(new RelayState.Starting(START).succeeded(START),
                OutboxRepository.Backlog.NONE, START.plusSeconds(1), MAX_AGE);

        assertThat(response.getStatus()).isEqualTo(Status.UP);
        assertThat(response.getName()).isEqualTo(OutboxRelayHealth.NAME);
    }

    @Test
    void an_event_waiting_less_than_allowed_leaves_it_up() {
        HealthCheckResponse response = OutboxRelayHealth.assess(new RelayState.Starting(START).succeeded(START),
                waiting(START), START.plus(MAX_AGE), MAX_AGE);

        assertThat(response.getStatus()).isEqualTo(Status.UP);
        assertThat(data(response)).containsEntry("oldestUnpublishedAgeSeconds", 60L);
    }

    @Test
    void an_event_waiting_longer_than_allowed_makes_it_down_though_this_relay_has_not_failed() {
        // Given a relay whose rounds succeed (another instance holds the relay lock) and an event of 08:00:00
        RelayState state = new RelayState.Starting(START).succeeded(START.plusSeconds(95));

        // When it is assessed at 08:01:36
        HealthCheckResponse response = OutboxRelayHealth.assess(state, waiting(START), START.plusSeconds(96), MAX_AGE);

        // Then it is down, naming the wait
        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(data(response)).containsEntry("reason", "the oldest unpublished outbox event has waited 96 s, "
                + "longer than the 60 s allowed; no instance's relay publishes it");
    }

    @Test
    void a_failing_relay_waits_longer_after_each_failure_in_a_row_up_to_the_most_allowed() {
        RelayState.Failing once = new RelayState.Starting(START).failed(START.plusSeconds(1), "timed out waiting for Kafka");
        RelayState.Failing twice = once.failed(START.plusSeconds(3), "timed out waiting for Kafka");
        RelayState.Failing often = twice.failed(START.plusSeconds(7), "x").failed(START.plusSeconds(15), "x")
                .failed(START.plusSeconds(31), "x").failed(START.plusSeconds(61), "x");

        assertThat(once.nextRound(Duration.ofSeconds(1), Duration.ofSeconds(30))).isEqualTo(START.plusSeconds(2));
        assertThat(twice.nextRound(Duration.ofSeconds(1), Duration.ofSeconds(30))).isEqualTo(START.plusSeconds(5));
        assertThat(often.failures()).isEqualTo(6);
        assertThat(often.nextRound(Duration.ofSeconds(1), Duration.ofSeconds(30))).isEqualTo(START.plusSeconds(91));
        assertThat(often.since()).isEqualTo(START.plusSeconds(1));
    }

    @Test
    void a_relay_that_publishes_again_starts_its_backoff_afresh() {
        RelayState.Failing again = new RelayState.Starting(START).failed(START, "x").failed(START.plusSeconds(1), "x")
                .succeeded(START.plusSeconds(3)).failed(START.plusSeconds(4), "x");

        assertThat(again.failures()).isEqualTo(1);
        assertThat(again.nextRound(Duration.ofSeconds(1), Duration.ofSeconds(30))).isEqualTo(START.plusSeconds(5));
    }

    private static OutboxRepository.Backlog waiting(Instant oldest) {
        return new OutboxRepository.Backlog(1, Optional.of(oldest));
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }
}
