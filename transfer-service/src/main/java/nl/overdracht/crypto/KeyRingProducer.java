package nl.overdracht.crypto;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Builds the {@link KeyRing} from configuration at start, so a missing or malformed key stops the start. */
@ApplicationScoped
public class KeyRingProducer {

    @Produces
    @Singleton
    @Startup
    KeyRing keyRing(Config config) {
        return KeyRing.fromConfig(config);
    }
}
