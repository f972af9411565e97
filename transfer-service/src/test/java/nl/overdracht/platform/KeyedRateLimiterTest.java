package nl.overdracht.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {

    @Test
    void a_key_gets_its_requests_per_period_and_then_a_wait_within_the_period() {
        // Given a limit of 3 requests a minute
        KeyedRateLimiter limits = new KeyedRateLimiter(3, Duration.ofMinutes(1), 100);

        // When one key makes 4 requests
        for (int i = 0; i < 3; i++) {
            assertThat(limits.acquire("203.0.113.7")).isEmpty();
        }
        Optional<Duration> fourth = limits.acquire("203.0.113.7");

        // Then the fourth waits whole seconds, at least one and at most the period
        assertThat(fourth).hasValueSatisfying(wait -> assertThat(wait)
                .isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1))
                .isEqualTo(Duration.ofSeconds(wait.toSeconds())));
    }

    @Test
    void each_key_has_a_limit_of_its_own() {
        KeyedRateLimiter limits = new KeyedRateLimiter(1, Duration.ofMinutes(1), 100);

        limits.drain("flood@00YY00");

        assertThat(limits.acquire("flood@00YY00")).isPresent();
        assertThat(limits.acquire("user@00YY00")).isEmpty();
    }

    @Test
    void a_refused_request_takes_no_permit_from_the_next_period() {
        // Given a key whose permits of this second are gone, refused many times over
        KeyedRateLimiter limits = new KeyedRateLimiter(1, Duration.ofSeconds(1), 100);
        limits.drain("203.0.113.7");
        for (int i = 0; i < 50; i++) {
            assertThat(limits.acquire("203.0.113.7")).isPresent();
        }

        // Then a permit comes back with the next period
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> limits.acquire("203.0.113.7").isEmpty());
    }

    @Test
    void a_limit_without_requests_or_period_is_refused() {
        assertThatThrownBy(() -> new KeyedRateLimiter(0, Duration.ofSeconds(1), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyedRateLimiter(1, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
