package nl.overdracht.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code overdracht.rate-limit.*}: how many requests one client address and one caller may make.
 * Each limit allows {@code requests} in every {@code period} (the permits of a period are its
 * burst; they renew at the next period's start). The defaults are generous: they stop a flood, not
 * a busy school administration system or a benchmark.
 */
@ConfigMapping(prefix = "overdracht.rate-limit")
public interface RateLimitConfig {

    /** {@code false}: no request is limited. */
    @WithDefault("true")
    boolean enabled();

    /** Per client address, before the token is looked at: bad tokens count as much as good ones. */
    PerAddress perAddress();

    /** Per caller (the verified token's subject), after authentication. */
    PerCaller perCaller();

    /** The most client addresses, and separately callers, whose limits are kept at once. */
    @WithDefault("100000")
    long trackedKeys();

    interface PerAddress {
        @WithDefault("2000")
        int requests();

        @WithDefault("1s")
        Duration period();
    }

    interface PerCaller {
        @WithDefault("1000")
        int requests();

        @WithDefault("1s")
        Duration period();
    }
}
