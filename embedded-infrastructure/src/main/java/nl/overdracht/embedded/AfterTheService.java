package nl.overdracht.embedded;

import io.quarkus.runtime.Application;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The embedded servers stop after the service. A JVM runs all its shutdown hooks at once; the
 * service's (Quarkus') still needs PostgreSQL and Kafka while it lets its jobs finish, closes its
 * consumers (committing their offsets) and closes its pool, so the servers' hooks wait for it first.
 */
final class AfterTheService {

    /** Longer than the service's own stop: its delay, its request timeout and its jobs' last rounds. */
    static final Duration AT_MOST = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(AfterTheService.class);

    private AfterTheService() {
    }

    /** A shutdown hook that runs {@code stop} once the service has stopped (or was never started). */
    static Thread hook(String name, Runnable stop) {
        return new Thread(() -> {
            awaitServiceStopped();
            stop.run();
        }, name);
    }

    private static void awaitServiceStopped() {
        Application service = Application.currentApplication();
        if (service == null) {
            return; // the tests: the service stopped before the JVM began to exit
        }
        Thread waiter = new Thread(service::awaitShutdown, "embedded-awaits-service-stop");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(AT_MOST.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (waiter.isAlive()) {
            LOG.warnf("The service had not stopped after %s; the embedded servers stop anyway", AT_MOST);
        }
    }
}
