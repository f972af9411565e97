package nl.overdracht.lifecycle;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code overdracht.lifecycle.*}: the lifecycle timer's pace and batches, how long unmatched enrolments are
 * kept, and the objection window override.
 */
@Unremovable
@ConfigMapping(prefix = "overdracht.lifecycle")
public interface LifecycleConfig {

    /**
     * How often the lifecycle timer releases, expires and purges due dossiers and purges unmatched
     * enrolments past their retention (read by the timer's {@code @Scheduled} expression, whose
     * fallback is the same value).
     */
    @WithDefault("1s")
    Duration timerInterval();

    /**
     * Dossiers (or unmatched enrolments) one timer transaction takes; a round repeats until less than a
     * batch is due.
     */
    @WithDefault("500")
    int batchSize();

    /**
     * How long an enrolment that matched no dossier keeps the pupil's sealed id and blind index,
     * counted from when it was recorded; as long as the longest profile expiry (OSO: 180 days) lets
     * a dossier wait for its enrolment. Must be positive: the start is refused otherwise.
     */
    @WithDefault("P180D")
    Duration unmatchedEnrolmentRetention();

    /**
     * Replaces every profile's objection window, for benchmarks and demonstrations only (the
     * service warns at start when it is set); must not be negative. Absent: the profile's window.
     */
    Optional<Duration> objectionWindowOverride();
}
