package nl.overdracht.security;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * How tokens are verified ({@code mp.jwt.verify.*}), as SmallRye JWT reads them: the issuer's public
 * key (inline or by location), the pinned issuer and audience. {@link TokenVerificationCheck}
 * requires them: without a pinned issuer, audience and key the service does not start.
 */
@Unremovable
@ConfigMapping(prefix = "mp.jwt.verify")
public interface TokenVerificationSettings {

    /** The verification key inline (PEM, JWK or JWKS). */
    Optional<String> publickey();

    /** Where the verification key is: a file path, {@code file:}, {@code classpath:} or an HTTPS JWKS URL. */
    @WithName("publickey.location")
    Optional<String> publickeyLocation();

    Optional<String> issuer();

    Optional<String> audiences();
}
