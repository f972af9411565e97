package nl.overdracht.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import nl.overdracht.benchmarks.DeliveryLedger.Counts;
import nl.overdracht.benchmarks.TransferClient.Outcome;
import nl.overdracht.benchmarks.TransferClient.Retry;

/**
 * The scale-out check ({@code benchmarks/run-scale-out.sh}): two replicas of the production jar on
 * one PostgreSQL and one Kafka ({@link ProductionTopology}, objection window zero), and schools'
 * systems that send each request to one replica and, when it does not answer (a connection error, a
 * timeout, a 5xx or a 429), to the other, with the same {@code Idempotency-Key}, until the deadline.
 * Four rounds, each of fresh pupils taken from submission to DELIVERABLE:
 * <ol>
 * <li><b>one replica</b>: replica b stopped, {@code --rate-n} dossiers through replica a;
 * <li><b>two replicas</b>: both running, {@code --rate-n} dossiers spread over both; dossiers/s of
 *     each (submission of the first to the last one delivered) and their ratio;
 * <li><b>kill</b>: {@code --n} dossiers spread over both; once half are accepted, {@code kill -9} of
 *     replica b, started again {@code --down-seconds} later; the events published while b was away
 *     were published by a, whose relay took the lock b's had held;
 * <li><b>rolling restart</b>: {@code --rolling-n} dossiers spread over both while a is stopped (SIGTERM)
 *     and started again, then b.
 * </ol>
 * Throughout, PostgreSQL's {@code pg_stat_activity} is sampled (every 50 ms): each replica's sessions
 * carry its name as {@code application_name}, so a lifecycle round (the due dossiers taken
 * {@code FOR UPDATE SKIP LOCKED}) or a relay round (the relay lock) seen in progress is put down to its
 * replica. At the end the counts of {@link DeliveryLedger} over every accepted dossier, and the
 * dossiers with more than one delivery package.
 *
 * <p>Arguments: {@code --n} (default 2000), {@code --rate-n} (default 1000), {@code --rolling-n}
 * (default 1000), {@code --clients} requests in flight (default 8), {@code --schools} (default 10),
 * {@code --down-seconds} (default 10), {@code --timeout-minutes} per round (default 20), {@code --jar},
 * {@code --dir} (default {@code benchmarks/target/scale-out}). Exit status 0 when nothing was lost or
 * doubled and both replicas were seen doing lifecycle rounds; 1 otherwise.
 */
public final class ScaleOutCheck {

    private static final String LIFECYCLE_ROUND = "query LIKE '%FROM dossier d WHERE%FOR UPDATE SKIP LOCKED%'";
    private static final String RELAY_ROUND = "query LIKE '%pg_try_advisory_xact_lock%' AND query LIKE '%AS leader%'";

    private final Arguments given;
    private final ProductionTopology topology;
    private final List<ProductionTopology.Replica> replicas = new ArrayList<>();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final List<TransferClient> clients = new ArrayList<>();
    private final List<String> pupils;
    private final Map<UUID, Integer> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> seen = new ConcurrentSkipListMap<>();
    private final AtomicInteger failovers = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final long started = System.nanoTime();
    private int next;

    private ScaleOutCheck(Arguments given, ProductionTopology topology, int total) {
        this.given = given;
        this.topology = topology;
        this.pupils = BenchmarkSupport.bsns(50_000_000, total);
    }

    public static void main(String[] args) throws Exception {
        Arguments given = new Arguments(args, "--n", "--rate-n", "--rolling-n", "--clients", "--schools",
                "--down-seconds", "--timeout-minutes", "--jar", "--dir");
        int total = 2 * given.integer("--rate-n", 1000) + given.integer("--n", 2000) + given.integer("--rolling-n", 1000);
        try (ProductionTopology topology = ProductionTopology.start(given.path("--dir", "benchmarks/target/scale-out"),
                given.path("--jar", "transfer-service/target/quarkus-app/quarkus-run.jar"),
                Map.of("overdracht.lifecycle.objection-window-override", "PT0S"))) {
            boolean passed = new ScaleOutCheck(given, topology, total).run();
            topology.close();
            System.exit(passed ? 0 : 1);
        }
    }

    private boolean run() throws Exception {
        for (String name : List.of("replica-a", "replica-b")) {
            ProductionTopology.Replica replica = topology.replica(name);
            replicas.add(replica);
            processes.add(topology.start(replica));
            note("%s ready, pid %d, API %s", name, processes.get(processes.size() - 1).pid(), replica.api());
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        PrivateKey key = topology.signingKey();
        int schools = given.integer("--schools", 10);
        for (ProductionTopology.Replica replica : replicas) {
            clients.add(new TransferClient(http, replica.api(), key, schools, Duration.ofSeconds(30)));
        }
        clients.get(0).registerSchools(key, "scale-out");
        CompletableFuture<Void> sampling = CompletableFuture.runAsync(this::sample);
        int rateN = given.integer("--rate-n", 1000);

        note("== one replica: replica-b stopped, %d dossiers through replica-a", rateN);
        processes.get(1).stop();
        double one = round(rateN, List.of(0), () -> { });
        restart(1);

        note("== two replicas: %d dossiers spread over both", rateN);
        double two = round(rateN, List.of(0, 1), () -> { });

        int n = given.integer("--n", 2000);
        note("== kill: %d dossiers spread over both; kill -9 of replica-b once half are accepted", n);
        Instant[] away = new Instant[2];
        int before = accepted.size();
        round(n, List.of(0, 1), () -> {
            await(() -> accepted.size() - before >= n / 2);
            long pid = processes.get(1).pid();
            processes.get(1).kill();
            away[0] = Instant.now();
            note("kill -9 of replica-b, pid %d (%d of this round's dossiers accepted)", pid, accepted.size() - before);
            Thread.sleep(Duration.ofSeconds(given.integer("--down-seconds", 10)).toMillis());
            away[1] = Instant.now();
            restart(1);
        });
        long publishedWhileAway = publishedBetween(away[0], away[1]);

        int rollingN = given.integer("--rolling-n", 1000);
        note("== rolling restart: %d dossiers spread over both while each replica in turn is stopped and started", rollingN);
        int beforeRolling = accepted.size();
        round(rollingN, List.of(0, 1), () -> {
            await(() -> accepted.size() - beforeRolling >= rollingN / 4);
            for (int r = 0; r < replicas.size(); r++) {
                processes.get(r).stop();
                note("%s stopped (SIGTERM)", replicas.get(r).name());
                restart(r);
            }
        });
        sampling.cancel(true);

        try (Connection db = topology.postgres().superuser()) {
            Counts counts = DeliveryLedger.count(db, accepted.keySet());
            counts.detail().forEach((what, value) -> System.out.printf(Locale.ROOT, "    %-95s %6d%n", what, value));
            long twicePackaged = BenchmarkSupport.count(db, "SELECT count(*) FROM (SELECT dossier_id FROM delivery_package "
                    + "GROUP BY dossier_id HAVING count(*) > 1) twice");
            System.out.printf(Locale.ROOT, "%n%s; dossiers with more than one delivery package %d; not accepted by the "
                    + "deadline %d; requests sent to the other replica %d%n", counts.line(), twicePackaged, refused.get(),
                    failovers.get());
            System.out.printf(Locale.ROOT, "dossiers/s, submission to delivered: one replica %.1f, two replicas %.1f, "
                    + "ratio %.2f%n", one, two, two / one);
            System.out.printf(Locale.ROOT, "events published while replica-b was away (%.1f s): %d, by replica-a's relay%n",
                    Duration.between(away[0], away[1]).toMillis() / 1e3, publishedWhileAway);
            System.out.printf(Locale.ROOT, "rounds seen in progress in pg_stat_activity (samples): %s%n", seen);
            boolean timersShared = seen.getOrDefault("lifecycle round replica-a", new AtomicLong()).get() > 0
                    && seen.getOrDefault("lifecycle round replica-b", new AtomicLong()).get() > 0;
            boolean passed = counts.passed() && twicePackaged == 0 && refused.get() == 0 && publishedWhileAway > 0
                    && timersShared;
            System.out.println(passed ? "PASSED: nothing lost, nothing doubled, the relay went on without replica-b, "
                    + "both replicas ran lifecycle rounds" : "FAILED: see the counts above");
            return passed;
        }
    }

    /**
     * Drives {@code n} fresh dossiers, the {@code i}th sent first to replica {@code targets[i % size]},
     * from submission to DELIVERABLE, while {@code meanwhile} runs; answers dossiers per second from
     * the first submission until every accepted one of them is delivered.
     */
    private double round(int n, List<Integer> targets, Strike meanwhile) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(given.integer("--timeout-minutes", 20)));
        int first = next;
        next += n;
        List<UUID> mine = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        CompletableFuture<Void> strike = CompletableFuture.runAsync(() -> {
            try {
                meanwhile.run();
            } catch (Exception e) {
                throw new IllegalStateException("the strike failed: " + e.getMessage(), e);
            }
        });
        List<Integer> indices = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            indices.add(i);
        }
        BenchmarkSupport.inParallel(given.integer("--clients", 8), indices, i -> {
            int target = targets.get(i % targets.size());
            Outcome submitted = send(target, targets, deadline,
                    client -> client.submission(i, pupils.get(i), "scale-out/" + i));
            String id = submitted.success() ? TransferClient.dossierId(submitted) : null;
            if (id == null) {
                refused.incrementAndGet();
                return;
            }
            accepted.put(UUID.fromString(id), i);
            mine.add(UUID.fromString(id));
            if (!send(target, targets, deadline, client -> client.enrolment(i, pupils.get(i))).success()) {
                refused.incrementAndGet();
            }
        });
        strike.join();
        note("load done in %.1f s: %d of %d accepted", (System.nanoTime() - start) / 1e9, mine.size(), n);
        while (Instant.now().isBefore(deadline)) {
            try (Connection db = topology.postgres().superuser()) {
                if (DeliveryLedger.arrived(db, mine)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    note("all %d delivered %.1f s after the first submission: %.1f dossiers/s", mine.size(), seconds,
                            mine.size() / seconds);
                    return mine.size() / seconds;
                }
            }
            Thread.sleep(200);
        }
        note("NOT all delivered by the deadline");
        return 0;
    }

    /**
     * Starts replica {@code r} again where it was; a start that fails (on a busy machine the startup
     * checks may not get a PostgreSQL connection in time) is tried again, up to three times in all, as
     * an orchestrator restarts a pod whose start failed.
     */
    private void restart(int r) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                processes.set(r, topology.start(replicas.get(r)));
                note("%s started again, pid %d", replicas.get(r).name(), processes.get(r).pid());
                return;
            } catch (IllegalStateException e) {
                note("%s did not start (%s)%s", replicas.get(r).name(), e.getMessage(), attempt < 3 ? "; again" : "");
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Sends to replica {@code preferred}; while the answer may change, to the next of {@code targets}, until the deadline. */
    private Outcome send(int preferred, List<Integer> targets, Instant deadline,
            Function<TransferClient, HttpRequest> request) throws InterruptedException {
        int at = targets.indexOf(preferred);
        for (int attempts = 1; ; attempts++) {
            Outcome outcome = clients.get(targets.get(at)).send(request.apply(clients.get(targets.get(at))), Retry.NEVER);
            boolean mayChange = outcome.status() == 0 || outcome.status() == 429 || outcome.status() >= 500;
            if (!mayChange || Instant.now().isAfter(deadline)) {
                return outcome;
            }
            if (targets.size() > 1) {
                failovers.incrementAndGet();
                at = (at + 1) % targets.size();
            }
            Thread.sleep(Retry.pause(attempts).toMillis());
        }
    }

    /** Samples pg_stat_activity every 50 ms, counting the rounds in progress per replica, until cancelled. */
    private void sample() {
        String sql = "SELECT application_name, CASE WHEN " + LIFECYCLE_ROUND + " THEN 'lifecycle round' ELSE 'relay round' "
                + "END FROM pg_stat_activity WHERE application_name LIKE 'replica-%' AND state <> 'idle' AND ("
                + LIFECYCLE_ROUND + " OR " + RELAY_ROUND + ")";
        while (!Thread.currentThread().isInterrupted()) {
            try (Connection db = topology.postgres().superuser(); Statement statement = db.createStatement()) {
                while (!Thread.currentThread().isInterrupted()) {
                    try (ResultSet rows = statement.executeQuery(sql)) {
                        while (rows.next()) {
                            seen.computeIfAbsent(rows.getString(2) + " " + rows.getString(1), any -> new AtomicLong())
                                    .incrementAndGet();
                        }
                    }
                    Thread.sleep(50);
                }
            } catch (SQLException e) {
                // PostgreSQL busy or away for a moment: sample again
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long publishedBetween(Instant from, Instant to) throws SQLException {
        try (Connection db = topology.postgres().superuser();
                var statement = db.prepareStatement("SELECT count(*) FROM outbox_event WHERE published_at > ? "
                        + "AND published_at < ?")) {
            statement.setObject(1, from.atOffset(ZoneOffset.UTC));
            statement.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void await(Condition condition) throws Exception {
        while (!condition.holds()) {
            Thread.sleep(100);
        }
    }

    private void note(String format, Object... args) {
        System.out.printf(Locale.ROOT, "  %+7.1f s  %s%n", (System.nanoTime() - started) / 1e9,
                String.format(Locale.ROOT, format, args));
    }

    @FunctionalInterface
    private interface Strike {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }
}
