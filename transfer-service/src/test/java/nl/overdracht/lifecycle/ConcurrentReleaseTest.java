package nl.overdracht.lifecycle;

import static nl.overdracht.testing.Transfers.auditCount;
import static nl.overdracht.testing.Transfers.awaitState;
import static nl.overdracht.testing.Transfers.enrol;
import static nl.overdracht.testing.Transfers.eventCount;
import static nl.overdracht.testing.Transfers.one;
import static nl.overdracht.testing.Transfers.submitOso;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.overdracht.profile.ProfileCatalog;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestClock;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;

/**
 * Several timers on one database, as several service instances would run them: every due dossier
 * is released exactly once, with one event and one audit entry, however the batches interleave.
 */
@QuarkusTest
class ConcurrentReleaseTest {

    private static final int DOSSIERS = 120;
    private static final int INSTANCES = 4;

    @Inject
    LifecycleTimer timer;

    @Inject
    TransitionService transitions;

    @Inject
    DossierRepository dossierRepository;

    @Inject
    ProfileCatalog profiles;

    @Inject
    Clock clock;

    @Inject
    Pool pool;

    /** Another instance's timer: its own batches (small ones, so that the instances interleave), the same database. */
    private LifecycleTimer instance(int batchSize) {
        LifecycleTimer other = new LifecycleTimer();
        other.pool = pool;
        other.transitions = transitions;
        other.dossiers = dossierRepository;
        other.profiles = profiles;
        other.clock = clock;
        other.batchSize = batchSize;
        return other;
    }

    @Test
    void timers_running_at_once_release_each_due_dossier_exactly_once() throws Exception {
        String sending = TestSchools.dutch("CS");
        List<UUID> dossiers = matchedDossiers(sending);

        TestClock.advance(Duration.ofDays(14).plusMinutes(1));
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES + 1);
        try {
            List<Future<Integer>> released = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                LifecycleTimer other = instance(3 + 2 * i);
                released.add(threads.submit(untilNothingDue(other)));
            }
            released.add(threads.submit(untilNothingDue(timer)));
            for (Future<Integer> count : released) {
                count.get();
            }
        } finally {
            threads.shutdownNow();
        }

        for (UUID id : dossiers) {
            awaitState(sending, id, "RELEASED", () -> timer.releaseDue().await().atMost(Transfers.WAIT));
            assertThat(eventCount(pool, id, "RELEASE")).as("RELEASE events of %s", id).isEqualTo(1);
            assertThat(auditCount(pool, id, "DOSSIER_RELEASED")).as("DOSSIER_RELEASED entries of %s", id).isEqualTo(1);
        }
        assertThat(one(pool, "SELECT count(*) AS n FROM dossier WHERE sending_school = $1 AND state = 'RELEASED'",
                sending).getLong("n")).isEqualTo(DOSSIERS);
    }

    private static Callable<Integer> untilNothingDue(LifecycleTimer timer) {
        return () -> {
            int total = 0;
            int moved;
            do {
                moved = timer.releaseDue().await().atMost(Transfers.WAIT);
                total += moved;
            } while (moved > 0);
            return total;
        };
    }

    /** {@link #DOSSIERS} dossiers of one sending school, each matched with its own receiving school. */
    private List<UUID> matchedDossiers(String sending) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<UUID>> futures = new ArrayList<>();
            for (int i = 0; i < DOSSIERS; i++) {
                futures.add(threads.submit(() -> {
                    String bsn = Pupils.bsn();
                    UUID id = submitOso(sending, bsn, null);
                    enrol(TestSchools.dutch("CR"), "BSN", bsn, null);
                    return id;
                }));
            }
            List<UUID> ids = new ArrayList<>();
            for (Future<UUID> future : futures) {
                ids.add(future.get());
            }
            assertThat(one(pool, "SELECT count(*) AS n FROM dossier WHERE sending_school = $1 "
                    + "AND state = 'OBJECTION_WINDOW'", sending).getLong("n")).isEqualTo(DOSSIERS);
            return ids;
        } finally {
            threads.shutdownNow();
        }
    }
}
