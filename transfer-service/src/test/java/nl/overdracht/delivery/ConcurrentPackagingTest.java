package nl.overdracht.delivery;

import static nl.overdracht.delivery.DeliveryFixtures.REGION;
import static nl.overdracht.delivery.DeliveryFixtures.WAIT;
import static nl.overdracht.delivery.DeliveryFixtures.register;
import static nl.overdracht.delivery.DeliveryFixtures.submitOso;
import static nl.overdracht.delivery.DeliveryFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.delivery.DeliveryFixtures.Submitted;
import nl.overdracht.delivery.DeliveryPackager.Outcome;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Refreshes of one dossier that queue behind each other (the consumer after a restart, the retry
 * round, a registry change) package it once: the one that waits reads the package the first one
 * stored and finds nothing to do, never a second PACKAGE or a REPACKAGE to the same certificate.
 */
@QuarkusTest
class ConcurrentPackagingTest {

    private static final AuditActor ACTOR = AuditActor.system("concurrent-packaging-test");
    private static final int REFRESHES = 3;

    @Inject
    Pool pool;

    @Inject
    DeliveryPackager packager;

    @Inject
    DeliveryFixtures fixtures;

    @Test
    void refreshes_that_wait_for_one_another_package_the_dossier_once() throws Exception {
        String school = TestSchools.dutch();
        register(REGION, school, false);
        Submitted dossier = fixtures.released(submitOso(school));
        assertThat(fixtures.state(dossier.id())).isEqualTo("RELEASED"); // no certificate yet

        SqlConnection blocker = pool.getConnection().await().atMost(WAIT);
        List<CompletableFuture<Outcome>> refreshes = new ArrayList<>();
        try {
            Transaction held = blocker.begin().await().atMost(WAIT);
            blocker.preparedQuery("SELECT id FROM dossier WHERE id = $1 FOR UPDATE").execute(Tuple.of(dossier.id()))
                    .await().atMost(WAIT);
            // the registry path starts its own refresh in the background; these queue behind it on the lock
            upload(REGION, school, fixtures.certificate("Contended school " + school).certificate());
            for (int i = 0; i < REFRESHES; i++) {
                refreshes.add(pool.withTransaction(tx -> packager.refresh(tx, dossier.id(), ACTOR))
                        .subscribeAsCompletionStage());
            }
            Awaitility.await("every refresh waiting on the dossier's lock").atMost(WAIT)
                    .until(() -> lockWaiters() >= REFRESHES);
            held.commit().await().atMost(WAIT);
        } finally {
            blocker.close().await().atMost(WAIT);
        }

        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<Outcome> refresh : refreshes) {
            outcomes.add(refresh.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        fixtures.awaitState(dossier.id(), "DELIVERABLE");
        Awaitility.await("no refresh still waiting").atMost(WAIT).until(() -> lockWaiters() == 0);

        assertThat(outcomes).doesNotContain(Outcome.REPACKAGED)
                .filteredOn(Outcome.PACKAGED::equals).hasSizeLessThanOrEqualTo(1);
        assertThat(outcomes).filteredOn(Outcome.UNCHANGED::equals).hasSizeGreaterThanOrEqualTo(REFRESHES - 1);
        assertThat(Transfers.eventCount(pool, dossier.id(), "PACKAGE")).isEqualTo(1);
        assertThat(Transfers.eventCount(pool, dossier.id(), "REPACKAGE")).isZero();
        assertThat(Transfers.auditCount(pool, dossier.id(), "PACKAGE_CREATED")).isEqualTo(1);
    }

    /** Sessions of this database waiting for a row lock. */
    private long lockWaiters() {
        return Transfers.one(pool, "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'").getLong("n");
    }
}
