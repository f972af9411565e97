package nl.overdracht.testing;

import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import nl.overdracht.platform.ClockProducer;

/**
 * The tests' clock: the system clock plus an offset the tests move forward, so windows elapse and
 * retention ends without sleeping. It replaces the service's clock in the tests only; a
 * production build has no way to move time.
 */
@Mock
@ApplicationScoped
public class TestClock extends ClockProducer {

    private static volatile Duration offset = Duration.ZERO;

    /** Moves every clock reading forward by {@code duration}, for the rest of the test run. */
    public static void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        offset = offset.plus(duration);
    }

    @Override
    @Produces
    @ApplicationScoped
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.now().plus(offset);
            }
        };
    }
}
