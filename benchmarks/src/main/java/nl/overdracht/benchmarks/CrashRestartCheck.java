package nl.overdracht.benchmarks;

import static nl.overdracht.benchmarks.BenchmarkSupport.bsns;
import static nl.overdracht.benchmarks.BenchmarkSupport.connect;
import static nl.overdracht.benchmarks.BenchmarkSupport.count;
import static nl.overdracht.benchmarks.BenchmarkSupport.databaseUrl;
import static nl.overdracht.benchmarks.BenchmarkSupport.freePort;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.overdracht.benchmarks.DeliveryLedger.Counts;
import nl.overdracht.benchmarks.TransferClient.Outcome;
import nl.overdracht.benchmarks.TransferClient.Retry;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.Directories;

/**
 * Proves that the embedded run loses nothing to a crash: every dossier reaches DELIVERABLE exactly
 * once and every notification to a sending school is there exactly once, although the service was
 * killed ({@code kill -9}) halfway.
 *
 * <p>Starts the packaged service as {@code deploy/run-local.sh} does (embedded PostgreSQL and Kafka,
 * data in {@code OVERDRACHT_EMBEDDED_DATA_DIR}, kept), on a fresh data directory, with
 * {@code overdracht.lifecycle.objection-window-override=PT0S}. Registers sending and receiving
 * schools (the receiving ones with a certificate), submits N OSO dossiers (with an
 * {@code Idempotency-Key}), and posts the N matching enrolments; when half of them are answered
 * it kills the service with SIGKILL while requests are in flight and the outbox relay, the
 * notification consumer and the delivery worker are busy. It then restarts the service on the same
 * data directory, posts again the enrolments of dossiers still awaiting one (the answers the kill
 * cut off), waits until every dossier is DELIVERABLE and every notification is in, and checks in
 * PostgreSQL:
 * <ul>
 *   <li>every dossier is DELIVERABLE, with one delivery package, one PACKAGE event and one
 *       PACKAGE_CREATED audit entry;</li>
 *   <li>every event a sending school hears of (MATCH, RELEASE, PACKAGE, …) has exactly one
 *       notification, and no notification lacks its event.</li>
 * </ul>
 *
 * <p>Arguments: {@code --n N} (default 2000), {@code --clients N} requests in flight (default 8),
 * {@code --schools N} sending and as many receiving schools (default 10), {@code --kill-after F}
 * fraction of enrolments answered before the kill (default 0.5), {@code --jar PATH},
 * {@code --data-dir PATH} (default {@code benchmarks/target/crash-data}, wiped at start),
 * {@code --timeout-minutes M} for the dossiers to arrive after the restart (default 20).
 * Exit status 0 when nothing is lost or doubled, 1 otherwise.
 */
public final class CrashRestartCheck {

    private static final String REGION = "crash-check";

    private final int n;
    private final int clients;
    private final int schools;
    private final double killAfter;
    private final Path jar;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final int httpPort;
    private final int managementPort;
    private final int postgresPort;
    private TransferClient client;

    private CrashRestartCheck(int n, int clients, int schools, double killAfter, Path jar, Path dataDir)
            throws IOException {
        this.n = n;
        this.clients = clients;
        this.schools = schools;
        this.killAfter = killAfter;
        this.jar = jar;
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.postgresPort = freePort();
    }

    public static void main(String[] args) throws Exception {
        Arguments given = new Arguments(args, "--n", "--clients", "--schools", "--kill-after", "--jar", "--data-dir",
                "--timeout-minutes");
        boolean passed = new CrashRestartCheck(given.integer("--n", 2000), given.integer("--clients", 8),
                given.integer("--schools", 10), given.decimal("--kill-after", 0.5),
                given.path("--jar", "transfer-service/target/quarkus-app/quarkus-run.jar"),
                given.path("--data-dir", "benchmarks/target/crash-data"))
                .run(Duration.ofMinutes(given.integer("--timeout-minutes", 20)));
        System.exit(passed ? 0 : 1);
    }

    private boolean run(Duration timeout) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -B package -DskipTests");
        }
        Directories.deleteRecursively(dataDir);
        Files.createDirectories(dataDir.getParent());
        String jdbc = databaseUrl(postgresPort);
        System.out.printf(Locale.ROOT, "Crash-restart check: N=%d dossiers, %d+%d schools, %d clients, kill -9 after %.0f%% "
                + "of the enrolments, data in %s%n", n, schools, schools, clients, killAfter * 100, dataDir);

        ServiceProcess service = start(1);
        ServiceProcess restarted = null;
        try {
            PrivateKey key = DevSigningKey.readPrivateKey(dataDir.resolve("keys").resolve(DevSigningKey.PRIVATE_KEY_FILE));
            client = new TransferClient(http, "http://127.0.0.1:" + httpPort, key, schools, Duration.ofSeconds(60));
            client.registerSchools(key, REGION);
            List<String> pupils = bsns(30_000_000, n);
            String[] dossiers = new String[n];
            long started = System.nanoTime();
            submit(pupils, dossiers);
            System.out.printf(Locale.ROOT, "submitted   %5d dossiers in %6.1f s%n", n, seconds(started));

            // Enrol; kill the service once the given share is answered, requests still in flight.
            int killAt = (int) Math.round(n * killAfter);
            AtomicInteger answered = new AtomicInteger();
            CompletableFuture<Void> killed = new CompletableFuture<>();
            long enrolStart = System.nanoTime();
            CompletableFuture<int[]> enrolling = CompletableFuture.supplyAsync(() -> enrol(pupils,
                    BenchmarkSupport.indices(n), () -> {
                        if (answered.incrementAndGet() == killAt) {
                            killed.complete(null);
                        }
                    }, killed));
            killed.get(30, TimeUnit.MINUTES);
            long pid = service.pid();
            service.kill(); // SIGKILL: no shutdown hook, no clean stop of Kafka or PostgreSQL
            int[] outcome = enrolling.get(5, TimeUnit.MINUTES);
            System.out.printf(Locale.ROOT, "kill -9     service pid %d after %d enrolments answered 201 (%.1f s); "
                    + "%d requests cut off or refused by the kill%n", pid, outcome[0], seconds(enrolStart), outcome[1]);

            // PostgreSQL is a process of its own and outlives the kill: the state at the crash, exactly.
            Map<String, Long> atCrash = new LinkedHashMap<>();
            try (Connection db = connect(jdbc)) {
                atCrash.put("DELIVERABLE dossiers", count(db, "SELECT count(*) FROM dossier WHERE state = 'DELIVERABLE'"));
                atCrash.put("RELEASED dossiers", count(db, "SELECT count(*) FROM dossier WHERE state = 'RELEASED'"));
                atCrash.put("OBJECTION_WINDOW dossiers", count(db,
                        "SELECT count(*) FROM dossier WHERE state = 'OBJECTION_WINDOW'"));
                atCrash.put("AWAITING_ENROLMENT dossiers", count(db,
                        "SELECT count(*) FROM dossier WHERE state = 'AWAITING_ENROLMENT'"));
                atCrash.put("outbox events not yet published", count(db,
                        "SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));
                atCrash.put("events published to Kafka, notification not yet written", count(db,
                        "SELECT count(*) FROM outbox_event e WHERE e.published_at IS NOT NULL AND " + DeliveryLedger.NOTIFIED
                                + " AND NOT EXISTS (SELECT 1 FROM school_notification s WHERE s.event_id = e.event_id)"));
                atCrash.put("notifications", count(db, "SELECT count(*) FROM school_notification"));
            } catch (SQLException e) {
                System.out.println("(PostgreSQL did not outlive the kill: " + e.getMessage() + ")");
            }
            atCrash.forEach((what, value) -> System.out.printf(Locale.ROOT, "  at the crash: %6d %s%n", value, what));

            restarted = start(2);
            System.out.printf(Locale.ROOT, "restarted   on the same data directory in %s%n", dataDir);
            try (Connection db = connect(jdbc)) {
                List<Integer> waiting = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if ("AWAITING_ENROLMENT".equals(state(db, dossiers[i]))) {
                        waiting.add(i);
                    }
                }
                int[] again = enrol(pupils, waiting, () -> { }, new CompletableFuture<>());
                System.out.printf(Locale.ROOT, "re-enrolled %5d pupils whose dossier still awaited its enrolment "
                        + "(%d answered 201)%n", waiting.size(), again[0]);
                if (again[1] > 0) {
                    System.out.printf(Locale.ROOT, "FAILED: %d enrolments were refused after the restart%n", again[1]);
                    return false;
                }
                List<UUID> accepted = new ArrayList<>();
                for (String dossier : dossiers) {
                    accepted.add(UUID.fromString(dossier));
                }
                return awaitAndCheck(db, accepted, timeout);
            }
        } finally {
            service.stop();
            if (restarted != null) {
                restarted.stop();
            }
        }
    }

    private boolean awaitAndCheck(Connection db, List<UUID> accepted, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline && !DeliveryLedger.arrived(db, accepted)) {
            Thread.sleep(1000);
        }
        System.out.printf(Locale.ROOT, "after the restart: %s arrived, %.1f s%n",
                DeliveryLedger.arrived(db, accepted) ? "everything" : "NOT everything", seconds(start));
        // Let any redelivery after the restart land before counting doubles.
        Thread.sleep(5000);

        Counts counts = DeliveryLedger.count(db, accepted);
        System.out.printf(Locale.ROOT, "totals: %d dossiers, %d delivery packages, %d outbox events, %d notifications, "
                + "%d PACKAGE_CREATED audit entries%n", count(db, "SELECT count(*) FROM dossier"),
                count(db, "SELECT count(*) FROM delivery_package"), count(db, "SELECT count(*) FROM outbox_event"),
                count(db, "SELECT count(*) FROM school_notification"),
                count(db, "SELECT (SELECT count(*) FROM audit_pending WHERE action = 'PACKAGE_CREATED') "
                        + "+ (SELECT count(*) FROM audit_entry WHERE action = 'PACKAGE_CREATED')"));
        counts.detail().forEach((what, value) -> System.out.printf(Locale.ROOT, "  %-100s %6d%n", what, value));
        System.out.println(counts.line());
        System.out.println(counts.passed() ? "PASSED: nothing lost, nothing doubled" : "FAILED: see the counts above");
        return counts.passed();
    }

    /** Starts the service as deploy/run-local.sh does, on the kept data directory; answers once it is ready. */
    private ServiceProcess start(int round) throws Exception {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-service-" + round + ".log");
        Files.deleteIfExists(log);
        return ServiceProcess.embedded(jar, dataDir, postgresPort, httpPort, managementPort, log);
    }

    /** Submits every dossier (a retry with the same Idempotency-Key answers the first answer); keeps their ids. */
    private void submit(List<String> pupils, String[] dossiers) throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        BenchmarkSupport.inParallel(clients, BenchmarkSupport.indices(n), i -> {
            Outcome outcome = client.send(client.submission(i, pupils.get(i), "crash-check/" + i), Retry.NEVER);
            String id = outcome.status() == 201 ? TransferClient.dossierId(outcome) : null;
            if (id == null) {
                failures.add(outcome.status() + " " + outcome.body());
            } else {
                dossiers[i] = id;
            }
        });
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " submissions failed, e.g. " + failures.get(0));
        }
    }

    /**
     * Posts the enrolments of the given pupils, {@link #clients} at a time, calling {@code onCreated}
     * for each 201; stops sending once {@code stop} is done. Answers {201 answers, other outcomes}.
     */
    private int[] enrol(List<String> pupils, List<Integer> indices, Runnable onCreated, CompletableFuture<Void> stop) {
        AtomicInteger created = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        try {
            BenchmarkSupport.inParallel(clients, indices, i -> {
                if (stop.isDone()) {
                    return;
                }
                if (client.send(client.enrolment(i, pupils.get(i)), Retry.NEVER).status() == 201) {
                    created.incrementAndGet();
                    onCreated.run();
                } else {
                    other.incrementAndGet();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("enrolling failed", e);
        }
        return new int[] {created.get(), other.get()};
    }

    private static String state(Connection db, String dossierId) throws SQLException {
        try (var statement = db.prepareStatement("SELECT state FROM dossier WHERE id = ?")) {
            statement.setObject(1, UUID.fromString(dossierId));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
