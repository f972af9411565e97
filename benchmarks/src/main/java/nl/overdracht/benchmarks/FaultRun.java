package nl.overdracht.benchmarks;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.overdracht.benchmarks.DeliveryLedger.Counts;
import nl.overdracht.benchmarks.TransferClient.Outcome;
import nl.overdracht.benchmarks.TransferClient.Retry;
import nl.overdracht.embedded.DatabaseRoles;
import nl.overdracht.embedded.StandaloneKafka;
import nl.overdracht.embedded.StandalonePostgres;

/**
 * One fault of the {@link FaultSuite}, from fresh servers to the counts: starts a PostgreSQL
 * ({@link StandalonePostgres}) and a Kafka ({@link StandaloneKafka}) of its own and the packaged
 * service against them, as a deployment runs it ({@code overdracht.embedded.enabled=false}, the
 * service as {@value DatabaseRoles#APP}, migrating as {@value DatabaseRoles#OWNER}, objection windows
 * of zero); has {@code clients} schools' systems submit and enrol N pupils, each request sent again
 * with the same {@code Idempotency-Key} while the answer may change; strikes with the fault; waits
 * until every accepted dossier has arrived and the consumers have caught up; counts.
 */
final class FaultRun implements AutoCloseable {

    private static final String REGION = "fault-suite";

    private final Fault fault;
    private final FaultSuite.Options options;
    private final Path directory;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final long started = System.nanoTime();
    private ProductionTopology topology;
    private StandalonePostgres postgres;
    private StandaloneKafka kafka;
    private ProductionTopology.Replica replica;
    private volatile ServiceProcess service;
    private String incomplete;

    FaultRun(Fault fault, FaultSuite.Options options) {
        this.fault = fault;
        this.options = options;
        this.directory = options.workDirectory().resolve(fault.id()).toAbsolutePath();
    }

    /** Runs the fault and answers the counts. */
    Counts run() throws Exception {
        topology = ProductionTopology.start(directory, options.jar(), Map.of(
                "overdracht.lifecycle.objection-window-override", "PT0S",
                "quarkus.log.category.\"nl.overdracht.platform.ProblemMapper\".level", "ERROR"));
        postgres = topology.postgres();
        kafka = topology.kafka();
        replica = topology.replica("service");
        service = topology.start(replica);
        note("service pid %d ready, PostgreSQL %s, Kafka %s; log %s", service.pid(), postgres, kafka, replica.log());

        PrivateKey key = topology.signingKey();
        TransferClient client = new TransferClient(http, replica.api(), key, options.schools(), options.requestTimeout());
        client.registerSchools(key, REGION);

        Instant deadline = Instant.now().plus(options.timeout());
        Map<Integer, UUID> accepted = new ConcurrentHashMap<>();
        AtomicInteger enrolmentsRefused = new AtomicInteger();
        List<String> refusals = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> strike = CompletableFuture.runAsync(() -> strike(accepted));
        long loadStart = System.nanoTime();
        List<String> pupils = BenchmarkSupport.bsns(40_000_000, options.n());
        BenchmarkSupport.inParallel(options.clients(), BenchmarkSupport.indices(options.n()), i -> {
            Outcome submitted = client.send(client.submission(i, pupils.get(i), "fault-suite/" + fault.id() + "/" + i),
                    Retry.until(deadline));
            String id = submitted.success() ? TransferClient.dossierId(submitted) : null;
            if (id == null) {
                refusals.add("submission " + i + ": " + submitted.status() + " " + submitted.body());
                return;
            }
            accepted.put(i, UUID.fromString(id));
            Outcome enrolled = client.send(client.enrolment(i, pupils.get(i)), Retry.until(deadline));
            if (!enrolled.success()) {
                enrolmentsRefused.incrementAndGet();
                refusals.add("enrolment " + i + ": " + enrolled.status() + " " + enrolled.body());
            }
        });
        note("load done in %.1f s: %d of %d submissions accepted, %d enrolments not accepted; requests sent again "
                + "after: %s", seconds(loadStart), accepted.size(), options.n(), enrolmentsRefused.get(), client.retried());
        refusals.stream().limit(3).forEach(refusal -> note("  not accepted: %s", refusal));
        strike.join();

        List<UUID> ids = new ArrayList<>(accepted.values());
        awaitArrival(ids, deadline);
        try (Connection db = postgres.superuser()) {
            Counts counts = DeliveryLedger.count(db, ids);
            counts.detail().forEach((what, value) -> System.out.printf(Locale.ROOT, "    %-95s %6d%n", what, value));
            if (accepted.size() < options.n() || enrolmentsRefused.get() > 0) {
                incomplete = String.format(Locale.ROOT, "%d of %d submissions and %d enrolments were not accepted by "
                        + "the deadline", options.n() - accepted.size(), options.n(), enrolmentsRefused.get());
            }
            return counts;
        }
    }

    /** Why the load did not go through (a submission or an enrolment never accepted), or null when it did. */
    String incomplete() {
        return incomplete;
    }

    /** Waits for the fault's moment, then strikes; the service, the database or the broker comes back after it. */
    private void strike(Map<Integer, UUID> accepted) {
        try {
            awaitMoment(accepted);
            switch (fault) {
                case KILL_INTAKE, KILL_DELIVERY -> {
                    long pid = service.pid();
                    service.kill();
                    note("kill -9 of service pid %d (%d dossiers accepted, %d packaged)", pid, accepted.size(), packaged());
                    service = topology.start(replica);
                    note("service restarted, pid %d ready", service.pid());
                }
                case POSTGRES_REFUSING -> {
                    postgres.stop();
                    note("PostgreSQL stopped (%d dossiers accepted): connections refused for %d s", accepted.size(),
                            options.outage().toSeconds());
                    Thread.sleep(options.outage().toMillis());
                    postgres.restart();
                    note("PostgreSQL started again");
                }
                case POSTGRES_FROZEN -> {
                    int processes = postgres.freeze();
                    note("PostgreSQL frozen, SIGSTOP to %d processes (%d dossiers accepted), for %d s", processes,
                            accepted.size(), options.outage().toSeconds());
                    Thread.sleep(options.outage().toMillis());
                    postgres.thaw();
                    note("PostgreSQL thawed (SIGCONT)");
                }
                case KAFKA_STOPPED -> {
                    kafka.stop();
                    note("Kafka stopped (%d dossiers accepted, %d packaged) for %d s", accepted.size(), packaged(),
                            options.outage().toSeconds());
                    Thread.sleep(options.outage().toMillis());
                    kafka.restart();
                    note("Kafka restarted on its log");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while striking", e);
        } catch (Exception e) {
            throw new IllegalStateException(fault.id() + " could not be injected: " + e.getMessage(), e);
        }
    }

    /** Polls (every 100 ms) until the fault's moment has come. */
    private void awaitMoment(Map<Integer, UUID> accepted) throws Exception {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            boolean due = switch (fault.when()) {
                case HALF_ACCEPTED -> accepted.size() >= options.n() / 2;
                case QUARTER_PACKAGED -> packaged() >= options.n() / 4;
            };
            if (due) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the moment for " + fault.id() + " never came");
    }

    /**
     * Polls (every second) until every accepted dossier has arrived ({@link DeliveryLedger#arrived}) and
     * every consumer group has committed every event on the topic, or the deadline has passed.
     */
    private void awaitArrival(List<UUID> accepted, Instant deadline) throws InterruptedException {
        long start = System.nanoTime();
        try (ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
            while (Instant.now().isBefore(deadline)) {
                try (Connection db = postgres.superuser()) {
                    if (DeliveryLedger.arrived(db, accepted) && lag.total() == 0) {
                        note("settled %.1f s after the load: everything arrived, consumers caught up", seconds(start));
                        return;
                    }
                } catch (SQLException e) {
                    // PostgreSQL not back yet
                }
                Thread.sleep(1000);
            }
        }
        note("NOT settled by the deadline (%.1f s after the load); counting what there is. The service's liveness: %s",
                seconds(start), service.health("live"));
    }

    private long packaged() throws SQLException {
        try (Connection db = postgres.superuser()) {
            return BenchmarkSupport.count(db, "SELECT count(*) FROM delivery_package");
        }
    }

    private void note(String format, Object... args) {
        System.out.printf(Locale.ROOT, "  %+7.1f s  %s%n", seconds(started), String.format(Locale.ROOT, format, args));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Stops the service (SIGTERM), the broker and the database; keeps their data and the log for a look. */
    @Override
    public void close() throws InterruptedException {
        if (topology != null) {
            topology.close();
        }
    }
}
