package nl.overdracht.operations;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code overdracht.operations.*}: when waiting work counts as stuck, for the operators' stuck list and its gauge. */
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
}
