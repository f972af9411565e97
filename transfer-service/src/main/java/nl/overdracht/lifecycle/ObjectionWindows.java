package nl.overdracht.lifecycle;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import nl.overdracht.profile.Profile;
import org.jboss.logging.Logger;

/**
 * The objection window a match opens: the profile's, unless
 * {@code overdracht.lifecycle.objection-window-override} replaces it for every profile. The
 * override exists for benchmarks and demonstrations (a zero window releases at the next timer
 * round); it is configuration only, no endpoint reads or sets it, and the service warns at start
 * when it is set, because parents then have less time than the law gives them.
 */
@ApplicationScoped
public class ObjectionWindows {

    static final String OVERRIDE = "overdracht.lifecycle.objection-window-override";
    private static final Logger LOG = Logger.getLogger(ObjectionWindows.class);

    private final Optional<Duration> override;

    @Inject
    ObjectionWindows(LifecycleConfig config) {
        this(config.objectionWindowOverride());
    }

    /** With {@code override} replacing every profile's window, or none; a negative one is refused. */
    ObjectionWindows(Optional<Duration> override) {
        if (override.isPresent() && override.get().isNegative()) {
            throw new IllegalArgumentException(OVERRIDE + " must not be negative");
        }
        this.override = override;
    }

    void announce(@Observes StartupEvent started) {
        override.ifPresent(window -> LOG.warnf("%s is set: every objection window is %s instead of the profile's; "
                + "never do this in production", OVERRIDE, window));
    }

    /** How long parents may object once a dossier of {@code profile} is matched. */
    public Duration of(Profile profile) {
        return override.orElse(profile.objectionWindow());
    }
}
