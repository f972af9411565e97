package nl.overdracht.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What the outbox relay's rounds have come to on this instance, for its readiness check
 * ({@link OutboxRelayHealth}). A round succeeds when it published what was pending, found nothing
 * pending, or found another instance publishing; it fails when publishing (or reading the outbox)
 * failed, and then the events stay unpublished for the next round.
 *
 * <pre>
 *  Starting ──succeeded──▶ Publishing ──failed──▶ Failing ──succeeded──▶ Publishing
 *     └─────────────────────failed───────────────▶ Failing ──failed──▶ Failing (failing since the first; one more
 *                                                                      failure in a row; the newest reason)
 * </pre>
 *
 * A failing relay waits longer after each failure in a row before its next round ({@link
 * Failing#nextRound}), so that a Kafka that is away is not hammered, and publishes again by itself
 * once it is back.
 */
sealed interface RelayState {

    /** Since when the relay has not published: the last round that succeeded, or the relay's start. */
    Instant lastGood();

    /** The state after a round that succeeded at {@code at}. */
    default Publishing succeeded(Instant at) {
        return new Publishing(at);
    }

    /** The state after a round that failed at {@code at} for {@code reason} ({@link PublishFailure#reason}). */
    default Failing failed(Instant at, String reason) {
        return new Failing(lastGood(), at, at, 1, reason);
    }

    /** The state's name for the health checks' data: {@code STARTING}, {@code PUBLISHING} or {@code FAILING}. */
    default String name() {
        return getClass().getSimpleName().toUpperCase(Locale.ROOT);
    }

    /** No round has ended yet. */
    record Starting(Instant since) implements RelayState {
        public Starting {
            Objects.requireNonNull(since, "since");
        }

        @Override
        public Instant lastGood() {
            return since;
        }
    }

    /** The last round succeeded, at {@code lastRound}. */
    record Publishing(Instant lastRound) implements RelayState {
        public Publishing {
            Objects.requireNonNull(lastRound, "lastRound");
        }

        @Override
        public Instant lastGood() {
            return lastRound;
        }
    }

    /**
     * The last round failed; every round since {@code since} has.
     *
     * @param lastGood the last round that succeeded, or the relay's start
     * @param since the first failed round after it
     * @param last the last failed round
     * @param failures how many rounds have failed in a row (at least one)
     * @param reason what the last failure was, in words that hold no secret ({@link PublishFailure#reason})
     */
    record Failing(Instant lastGood, Instant since, Instant last, int failures, String reason) implements RelayState {
        public Failing {
            Objects.requireNonNull(lastGood, "lastGood");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(last, "last");
            Objects.requireNonNull(reason, "reason");
            if (failures < 1) {
                throw new IllegalArgumentException("a failing relay has failed at least once");
            }
        }

        @Override
        public Failing failed(Instant at, String newReason) {
            return new Failing(lastGood, since, at, failures + 1, newReason);
        }

        /**
         * When the next round may start: {@code initial} after the first failure, doubling with each
         * further one in a row, never more than {@code max} after the last.
         */
        public Instant nextRound(Duration initial, Duration max) {
            Duration wait = initial;
            for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return last.plus(wait.compareTo(max) > 0 ? max : wait);
        }
    }
}
