package nl.overdracht.platform;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The rate limits ({@link RateLimitConfig}): per client address on every request to the API port
 * before anything else looks at it, so that a flood of bad tokens is refused as cheaply as a flood
 * of good ones; and per caller, once the token is verified. A refused request gets 429
 * {@code too-many-requests} with {@code Retry-After} in seconds. Not limited: the management port
 * (health, metrics; a router of its own) and {@code /q/} on the API port, which serves only the
 * public OpenAPI document, from memory.
 */
@ApplicationScoped
public class RateLimiting {

    static final String PUBLIC_PREFIX = "/q/";

    private final boolean enabled;
    private final KeyedRateLimiter addresses;
    private final KeyedRateLimiter callers;

    @Inject
    RouteProblems problems;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    RateLimiting(RateLimitConfig config) {
        this.enabled = config.enabled();
        this.addresses = new KeyedRateLimiter(config.perAddress().requests(), config.perAddress().period(),
                config.trackedKeys());
        this.callers = new KeyedRateLimiter(config.perCaller().requests(), config.perCaller().period(),
                config.trackedKeys());
    }

    /** The limit per client address, keyed by {@link ClientAddress#rateKey}. */
    public KeyedRateLimiter addresses() {
        return addresses;
    }

    /** The limit per caller, keyed by the token's subject. */
    public KeyedRateLimiter callers() {
        return callers;
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(Integer.MIN_VALUE + 1).handler(this::limitAddress);
        }
    }

    void limitAddress(RoutingContext context) {
        if (context.request().path().startsWith(PUBLIC_PREFIX)) {
            context.next();
            return;
        }
        Optional<Duration> wait = addresses.acquire(ClientAddress.rateKey(ClientAddress.of(context.request())));
        if (wait.isEmpty()) {
            context.next();
            return;
        }
        RateLimitedException refused = Problems.tooManyRequests(wait.get());
        problems.answer(context, refused.type(), refused.getMessage(),
                Map.of(HttpHeaders.RETRY_AFTER.toString(), Long.toString(refused.retryAfter().toSeconds())));
    }

    /**
     * The caller's limit, once its token is verified (a bad token fails here as it would at the
     * role check: 401); a request without a token has only its address's limit.
     */
    @ServerRequestFilter
    public Uni<Void> limitCaller() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(identity -> {
            String subject = subject(identity);
            if (subject != null) {
                callers.acquire(subject).ifPresent(wait -> {
                    throw Problems.tooManyRequests(wait);
                });
            }
        }).replaceWithVoid();
    }

    private static String subject(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject()
                : identity.getPrincipal().getName();
    }
}
