package nl.overdracht.operations;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code overdracht.operations.*}: when waiting work counts as stuck, for the operators' stuck list and its gauge;
 * how often the domain gauges are computed; when a background round counts as overdue.
 */
@ConfigMapping(prefix = "overdracht.operations")
public interface OperationsConfig {

    /** How long a delivery package may wait for its first download before it is stuck ({@code not_downloaded}). */
    @WithDefault("P3D")
    Duration notDownloadedAfter();

    /**
     * How close to its expiry a dossier that no enrolment matched is stuck ({@code expiring_unmatched}): time
     * enough for the schools to enrol the pupil or correct the dossier.
     */
    @WithDefault("P14D")
    Duration expiryWarning();

    /**
     * How often the domain gauges ({@link DomainGauges}) are computed from the database (read by the round's
     * {@code @Scheduled} expression, whose fallback is the same value). A scrape reads the last values.
     */
    @WithDefault("15s")
    Duration metricsInterval();

    /**
     * A background round is overdue when it has not ended for this many of its intervals (and at least
     * {@link #roundOverdueMinimum()}); the {@code background} health group then names it.
     */
    @WithDefault("3")
    int roundOverdueFactor();

    /** The least time a background round may go without ending before it counts as overdue. */
    @WithDefault("30s")
    Duration roundOverdueMinimum();
}
