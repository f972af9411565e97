package nl.overdracht.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fails closed at start: without a pinned issuer, audience and a configured verification key the
 * service refuses to run rather than accept tokens it cannot pin.
 */
@Startup
@ApplicationScoped
public class JwtSettingsCheck {

    JwtSettingsCheck(@ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<String> audiences,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation) {
        require(issuer, "mp.jwt.verify.issuer");
        require(audiences, "mp.jwt.verify.audiences");
        require(keyLocation, "mp.jwt.verify.publickey.location");
    }

    private static void require(Optional<String> value, String property) {
        if (value.filter(v -> !v.isBlank()).isEmpty()) {
            throw new IllegalStateException(property + " must be configured: Overdracht does not start without "
                    + "a pinned token issuer, audience and verification key");
        }
    }
}
