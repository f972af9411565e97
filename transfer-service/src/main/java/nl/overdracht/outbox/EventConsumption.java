package nl.overdracht.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Function;
import nl.overdracht.platform.BackgroundWork;
import org.jboss.logging.Logger;

/**
 * How a consumer of {@code dossier-events} that writes what an event implies handles one record: parsed (a record
 * that is no event is passed over), then handled, and tried again, backing off up to {@link #RETRY_MAX}, while it
 * fails, for as long as the service runs. What it writes has no other way to be written, and a failure handed to
 * the connector would stop the consumer for good: while the database is away the partition waits here, in order;
 * once the service stops, the event is left unacknowledged and comes again.
 */
@ApplicationScoped
public class EventConsumption {

    private static final Logger LOG = Logger.getLogger(EventConsumption.class);
    private static final Duration RETRY_MIN = Duration.ofMillis(200);
    static final Duration RETRY_MAX = Duration.ofSeconds(5);

    @Inject
    BackgroundWork work;

    /**
     * Handles {@code record} with {@code handle} until it succeeds or the service stops; {@code what} names the
     * work in the log line of a failed try ("Notifying of event").
     */
    public Uni<Void> untilHandled(String record, String what, Function<OutboxEvent, Uni<?>> handle) {
        return work.handling(() -> OutboxEvent.parse(record).map(event -> untilHandled(event, what, handle))
                .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    private Uni<Void> untilHandled(OutboxEvent event, String what, Function<OutboxEvent, Uni<?>> handle) {
        return Uni.createFrom().deferred(() -> handle.apply(event)).replaceWithVoid()
                .onFailure(failure -> !work.stopping()).invoke(failure -> LOG.warnf("%s %s failed (%s); trying again",
                        what, event.eventId(), failure.getClass().getSimpleName()))
                .onFailure(failure -> !work.stopping()).retry().withBackOff(RETRY_MIN, RETRY_MAX).indefinitely();
    }
}
