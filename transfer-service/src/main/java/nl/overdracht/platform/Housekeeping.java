package nl.overdracht.platform;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Keeps storage bounded: every {@code overdracht.housekeeping.interval} it prunes, in batches, the
 * rows each package declares {@link Prunable} (published outbox events, processed-event records,
 * idempotency keys) once their period is over. Several instances may run it at once; a row deleted
 * twice is deleted once. Counts go to the log, never a row's content.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    @Inject
    @Any
    Instance<Prunable> prunables;

    @Inject
    BackgroundWork work;

    @Inject
    Clock clock;

    int batchSize;

    @Inject
    void configure(HousekeepingConfig config) {
        batchSize = config.batchSize();
    }

    @Scheduled(every = "${overdracht.housekeeping.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return work.round(BackgroundRound.HOUSEKEEPING, this::pruneAll);
    }

    /** Prunes everything whose period is over; answers how many rows of each kind went. */
    public Uni<Map<String, Integer>> pruneAll() {
        List<Prunable> all = new ArrayList<>(prunables.stream().toList());
        all.sort(Comparator.comparing(Prunable::what));
        Map<String, Integer> pruned = new LinkedHashMap<>();
        Uni<Void> rounds = Uni.createFrom().voidItem();
        for (Prunable prunable : all) {
            rounds = rounds.flatMap(done -> untilDone(prunable, 0)).invoke(count -> pruned.put(prunable.what(), count))
                    .replaceWithVoid();
        }
        return rounds.map(done -> {
            if (pruned.values().stream().anyMatch(count -> count > 0)) {
                LOG.infof("Housekeeping pruned %s", pruned);
            }
            return pruned;
        });
    }

    private Uni<Integer> untilDone(Prunable prunable, int sofar) {
        return prunable.prune(clock.instant(), batchSize).flatMap(count -> count < batchSize || work.stopping()
                ? Uni.createFrom().item(sofar + count)
                : untilDone(prunable, sofar + count));
    }
}
