package nl.overdracht.platform;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The work the service does on its own — the timers' rounds and the Kafka consumers' messages — and
 * how it stops. A stop (SIGTERM) runs in this order:
 *
 * <ol>
 *   <li>Quarkus reports readiness DOWN and announces the shutdown delay
 *       ({@code quarkus.shutdown.delay-enabled}); on that announcement this starts no further round,
 *       pauses the scheduler and every pausable incoming channel, and waits for the rounds and
 *       messages in progress to end, at most {@code quarkus.shutdown.timeout} — while PostgreSQL and
 *       Kafka are still there for them;</li>
 *   <li>the delay runs out ({@code quarkus.shutdown.delay}), so that load balancers see the
 *       readiness and stop sending requests; the HTTP listeners stop accepting and let the requests
 *       in progress finish ({@code quarkus.shutdown.timeout});</li>
 *   <li>the pool closes, the outbox relay's producer closes, the Kafka consumers leave their groups
 *       with their offsets committed (a message paused before it was handled is not acknowledged,
 *       so it is redelivered).</li>
 * </ol>
 *
 * A round still in progress when the wait is over is abandoned: its transaction rolls back when the
 * pool closes, and it is logged once, without a stack trace, as abandoned rather than failed.
 */
@ApplicationScoped
public class BackgroundWork {

    /**
     * The health group of the service's own background work ({@code /q/health/group/background}): for monitoring
     * and alerts, not a probe, since none of it stops the service from taking requests.
     */
    public static final String HEALTH_GROUP = "background";

    private static final Logger LOG = Logger.getLogger(BackgroundWork.class);

    @Inject
    Scheduler scheduler;

    @Inject
    ChannelRegistry channels;

    /** How long the work in progress may take to end once the service stops; the same as a request's. */
    @ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "10s")
    Duration stopTimeout;

    private final Object lock = new Object();
    private int inProgress;
    private boolean stopping;

    /** When this instance started ({@link System#nanoTime()}), and when each recurring round last ended. */
    private final long startedNanos = System.nanoTime();
    private final Map<BackgroundRound, Long> lastEndedNanos = new EnumMap<>(BackgroundRound.class);

    /**
     * One round of a recurring job ({@link #round(String, Supplier)}), whose end, failed or not, is recorded
     * for the operations package's health check: a round that never ends (a hung query, a lost timer) shows there.
     */
    public Uni<Void> round(BackgroundRound which, Supplier<Uni<?>> round) {
        return round(which.description(), round).invoke(ended -> ended(which));
    }

    /**
     * How long ago, by the monotonic clock, {@code which} last ended a round on this instance; empty when it
     * has not yet, with {@link #sinceStart()} for how long it has had.
     */
    public Optional<Duration> sinceLastRound(BackgroundRound which) {
        Long ended;
        synchronized (lock) {
            ended = lastEndedNanos.get(which);
        }
        return Optional.ofNullable(ended).map(nanos -> Duration.ofNanos(System.nanoTime() - nanos));
    }

    /** How long this instance has been running, by the monotonic clock. */
    public Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private void ended(BackgroundRound which) {
        long now = System.nanoTime();
        synchronized (lock) {
            lastEndedNanos.put(which, now);
        }
    }

    /**
     * One round of a job (a timer's tick, or work a request set off), unless the service is stopping,
     * in which case it is not started. A failure is logged by exception class only, {@code what}
     * naming the round ("Lifecycle round"); the job's next round takes the work up.
     */
    public Uni<Void> round(String what, Supplier<Uni<?>> round) {
        return Uni.createFrom().deferred(() -> {
            if (!begin(true)) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().deferred(round)
                    .onFailure().recoverWithItem(failure -> {
                        logFailure(what, failure);
                        return null;
                    })
                    .onTermination().invoke(this::end)
                    .replaceWithVoid();
        });
    }

    /**
     * The handling of one consumed message: always done (the message was delivered and is acknowledged
     * when it ends), and waited for when the service stops.
     */
    public <T> Uni<T> handling(Supplier<Uni<? extends T>> handling) {
        return Uni.createFrom().<T>deferred(() -> {
            begin(false);
            return Uni.createFrom().<T>deferred(handling).onTermination().invoke(this::end);
        });
    }

    /** Whether the service is stopping: no round starts any more. */
    public boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    void stop(@Observes ShutdownDelayInitiatedEvent shutdown) {
        synchronized (lock) {
            stopping = true;
        }
        scheduler.pause();
        List<String> paused = new ArrayList<>();
        for (String channel : channels.getIncomingNames()) {
            PausableChannel pausable = channels.getPausable(channel);
            if (pausable != null) {
                pausable.pause();
                paused.add(channel);
            }
        }
        int left = awaitEnd(stopTimeout);
        if (left > 0) {
            LOG.infof("Background work stopped; %d round(s) or message(s) still in progress after %s are abandoned "
                    + "and roll back", left, stopTimeout);
        } else {
            LOG.infof("Background work stopped: timers paused, channels %s paused, nothing in progress", paused);
        }
    }

    private boolean begin(boolean refuseWhenStopping) {
        synchronized (lock) {
            if (stopping && refuseWhenStopping) {
                return false;
            }
            inProgress++;
            return true;
        }
    }

    private void end() {
        synchronized (lock) {
            inProgress--;
            if (inProgress == 0) {
                lock.notifyAll();
            }
        }
    }

    /** Waits until nothing is in progress or {@code timeout} has passed; answers how much is left. */
    private int awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            try {
                while (inProgress > 0) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        break;
                    }
                    lock.wait(Math.max(1, remaining / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inProgress;
        }
    }

    private void logFailure(String what, Throwable failure) {
        if (stopping()) {
            LOG.infof("%s abandoned as the service stops (%s); its transaction rolled back", what,
                    failure.getClass().getSimpleName());
        } else {
            LOG.warnf("%s failed (%s); the next round takes it up", what, failure.getClass().getSimpleName());
        }
    }
}
