package nl.overdracht.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The service's one clock. Everything that reads time injects it, so tests move time by replacing
 * this bean (an alternative in the test sources) without sleeping; a production build has no way
 * to move it.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    public Clock clock() {
        return Clock.systemUTC();
    }
}
