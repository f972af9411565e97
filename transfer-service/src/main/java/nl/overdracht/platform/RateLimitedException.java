package nl.overdracht.platform;

import java.time.Duration;

/** 429 {@code too-many-requests}: a rate limit refused the request; {@link #retryAfter()} says when to try again. */
public final class RateLimitedException extends ApiException {

    private final Duration retryAfter;

    RateLimitedException(String detail, Duration retryAfter) {
        super(ProblemType.TOO_MANY_REQUESTS, detail);
        this.retryAfter = retryAfter;
    }

    /** How long until a request may succeed, in whole seconds (the {@code Retry-After} header). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
