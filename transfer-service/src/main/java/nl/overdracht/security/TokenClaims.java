package nl.overdracht.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.overdracht.platform.InvalidClaimException;
import nl.overdracht.registry.SchoolId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Holds a verified token's claims to their documented forms before anything reads them: a token
 * that SmallRye JWT verified (signature, issuer, audience, {@code exp} required and not past,
 * {@code nbf} not ahead) but whose subject, school, region or issue time is out of form is refused
 * as unauthenticated (401), naming the claim and never quoting it. So nothing downstream — the
 * audit log's actor, a query, a log line — ever sees such a value.
 *
 * <ul>
 *   <li>{@code sub}: required; {@value #SUBJECT_MAX} characters at most, ASCII letters, digits and
 *       {@code . _ : @ / + = -} (what the audit log's actor holds);</li>
 *   <li>{@code school_id}: when present, a {@link SchoolId school id};</li>
 *   <li>{@code region_id}: when present, lower-case letters, digits and hyphens, starting with a
 *       letter or digit, {@value #REGION_MAX} characters at most;</li>
 *   <li>{@code iat} and {@code nbf}: when present, not later than now plus the clock skew SmallRye
 *       JWT allows for {@code exp} ({@code mp.jwt.verify.clock.skew}, 60 s by default);</li>
 *   <li>{@code exp}: required (SmallRye JWT requires it too).</li>
 * </ul>
 *
 * Token times are compared with the system clock, as SmallRye JWT compares {@code exp}.
 */
@ApplicationScoped
public class TokenClaims implements SecurityIdentityAugmentor {

    static final int SUBJECT_MAX = 128;
    static final int REGION_MAX = 64;
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._:@/+=-]{1," + SUBJECT_MAX + "}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (REGION_MAX - 1) + "}");

    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    int skewSeconds;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Optional<InvalidClaimException> refusal = refusal(token, Instant.now(), Duration.ofSeconds(skewSeconds));
        return refusal.isPresent()
                ? Uni.createFrom().failure(new AuthenticationFailedException(refusal.get().getMessage(), refusal.get()))
                : Uni.createFrom().item(identity);
    }

    /** What is wrong with the token's claims, if anything, at {@code now}. */
    static Optional<InvalidClaimException> refusal(JsonWebToken token, Instant now, Duration skew) {
        if (!isSubject(token.getSubject())) {
            return refuse("sub", "is not an identifier of at most " + SUBJECT_MAX
                    + " characters (ASCII letters, digits and . _ : @ / + = -)");
        }
        Object school = token.getClaim(Caller.SCHOOL_CLAIM);
        if (school != null && !SchoolId.isValid(text(school))) {
            return refuse(Caller.SCHOOL_CLAIM, "is not a school id: " + SchoolId.DESCRIPTION);
        }
        Object region = token.getClaim(Caller.REGION_CLAIM);
        if (region != null && !isRegion(text(region))) {
            return refuse(Caller.REGION_CLAIM, "is not a region id: at most " + REGION_MAX
                    + " lower-case letters, digits and hyphens");
        }
        if (token.getExpirationTime() <= 0) {
            return refuse("exp", "is missing");
        }
        long latest = now.plus(skew).getEpochSecond();
        if (token.getIssuedAtTime() > latest) {
            return refuse("iat", "lies in the future");
        }
        if (seconds(token.getClaim("nbf")) > latest) {
            return refuse("nbf", "lies in the future");
        }
        return Optional.empty();
    }

    /** Whether {@code subject} is a subject the service accepts (and the audit log can hold). */
    public static boolean isSubject(String subject) {
        return subject != null && SUBJECT.matcher(subject).matches();
    }

    /** Whether {@code region} is a region id. */
    public static boolean isRegion(String region) {
        return region != null && REGION.matcher(region).matches();
    }

    private static Optional<InvalidClaimException> refuse(String claim, String what) {
        return Optional.of(new InvalidClaimException(claim, "The token's " + claim + " claim " + what + "."));
    }

    /** A string claim's text; null for a claim of another JSON type, which no form accepts. */
    private static String text(Object value) {
        return value instanceof JsonString json ? json.getString() : value instanceof String text ? text : null;
    }

    private static long seconds(Object value) {
        return value instanceof JsonNumber number ? number.longValue()
                : value instanceof Number number ? number.longValue() : 0;
    }
}
