package nl.overdracht.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One rate limit, kept per key (a client address, a caller): at most {@code requests} in every
 * {@code period} for each key, by a Resilience4j {@link AtomicRateLimiter} (lock-free; a refused
 * request takes no permit). The limiters live in a Caffeine cache bounded by {@code maxKeys} and
 * dropped a period after their last use, when a new limiter would hold as many permits as the old
 * one: memory stays bounded however many keys a flood makes up, and forgetting a key gives it
 * nothing it would not have had.
 */
public final class KeyedRateLimiter {

    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters;

    public KeyedRateLimiter(int requests, Duration period, long maxKeys) {
        if (requests < 1 || period.isNegative() || period.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("a rate limit needs at least one request in a positive period");
        }
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(requests)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build();
        this.limiters = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period).build();
    }

    /**
     * Takes a permit for {@code key}: empty when the request may go on, otherwise how long until
     * the key has a permit again (whole seconds, at least one, as {@code Retry-After} states it).
     */
    public Optional<Duration> acquire(String key) {
        RateLimiter limiter = limiter(key);
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        long nanos = ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        return Optional.of(Duration.ofSeconds(seconds));
    }

    /** Takes every permit {@code key} has left in this period, as a flood would. */
    public void drain(String key) {
        limiter(key).drainPermissions();
    }

    private RateLimiter limiter(String key) {
        Objects.requireNonNull(key, "key");
        return limiters.get(key, name -> new AtomicRateLimiter("rate-limit", config));
    }
}
