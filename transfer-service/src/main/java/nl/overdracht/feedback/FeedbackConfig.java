package nl.overdracht.feedback;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The school-career feedback's settings. */
@Unremovable
@ConfigMapping(prefix = "overdracht.feedback")
public interface FeedbackConfig {

    /**
     * How long after the receiving school acknowledged a delivery its outcome becomes due: by default
     * about ten months, so a delivery acknowledged before the summer is due near the end of the pupil's
     * first secondary school year.
     */
    @WithDefault("P300D")
    Duration dueAfter();

    /** How long after it became due an outcome may still be reported; then the dossier's advice level is deleted. */
    @WithDefault("P365D")
    Duration reportWithin();

    /** The smallest number of pupils a shown count may hold; at least 5. */
    @WithDefault("5")
    int k();
}
