package nl.overdracht.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * What the outbox relay's rounds have come to on this instance, for its readiness check
 * ({@link OutboxRelayHealth}). A round succeeds when it published what was pending, found nothing
 * pending, or found another instance publishing; it fails when publishing (or reading the outbox)
 * failed, and then the events stay unpublished for the next round.
 *
 * <pre>
 *  Starting ──succeeded──▶ Publishing ──failed──▶ Failing ──succeeded──▶ Publishing
 *     └─────────────────────failed───────────────▶ Failing ──failed──▶ Failing (failing since the first; the newest reason)
 * </pre>
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
        return new Failing(lastGood(), at, reason);
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
     * @param reason what the last failure was, in words that hold no secret ({@link PublishFailure#reason})
     */
    record Failing(Instant lastGood, Instant since, String reason) implements RelayState {
        public Failing {
            Objects.requireNonNull(lastGood, "lastGood");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Failing failed(Instant at, String newReason) {
            return new Failing(lastGood, since, newReason);
        }
    }
}
