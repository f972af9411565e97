package nl.overdracht.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one attempt to deliver ended, and so what comes next: delivered, another attempt at
 * {@code nextAttempt}, or given up.
 *
 * @param status the endpoint's HTTP status; empty when it gave none (timeout, refused connection, TLS)
 * @param error a short code when there was no status: {@code timeout}, {@code connection}, {@code no-endpoint}
 */
record Attempt(Optional<Integer> status, Optional<String> error, Optional<Instant> nextAttempt,
        Optional<Instant> deliveredAt, Optional<Instant> givenUpAt) {

    /** The outcome of attempt number {@code attempts} that answered {@code status} or failed with {@code error}. */
    static Attempt after(Optional<Integer> status, Optional<String> error, int attempts, Instant now,
            WebhookConfig config) {
        if (status.isPresent() && status.get() >= 200 && status.get() < 300) {
            return new Attempt(status, Optional.empty(), Optional.empty(), Optional.of(now), Optional.empty());
        }
        if (attempts >= config.maxAttempts()) {
            return new Attempt(status, error, Optional.empty(), Optional.empty(), Optional.of(now));
        }
        return new Attempt(status, error, Optional.of(now.plus(backoff(attempts, config))), Optional.empty(),
                Optional.empty());
    }

    /** No endpoint (removed or disabled since): nothing to try again. */
    static Attempt noEndpoint(Instant now) {
        return new Attempt(Optional.empty(), Optional.of("no-endpoint"), Optional.empty(), Optional.empty(),
                Optional.of(now));
    }

    /** The wait after failed attempt number {@code attempts}: the initial wait, doubled per further failure, at most the maximum. */
    static Duration backoff(int attempts, WebhookConfig config) {
        Duration wait = config.backoffInitial();
        for (int i = 1; i < attempts && wait.compareTo(config.backoffMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : wait;
    }
}
