package nl.overdracht.benchmarks;

import static nl.overdracht.benchmarks.BenchmarkSupport.bsns;
import static nl.overdracht.benchmarks.BenchmarkSupport.connect;
import static nl.overdracht.benchmarks.BenchmarkSupport.count;
import static nl.overdracht.benchmarks.BenchmarkSupport.databaseUrl;
import static nl.overdracht.benchmarks.BenchmarkSupport.freePort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.MintToken;
import nl.overdracht.profile.SampleDossiers;

/**
 * Dossiers moved from enrolment to RELEASED per second, with the objection window set to zero, and
 * with {@code --packaging} on to DELIVERABLE: the receiving schools then have certificates (EC P-256
 * and RSA-2048 in turn), so each released dossier is packaged at once.
 *
 * <p>Starts the packaged service ({@code transfer-service/target/quarkus-app/quarkus-run.jar}) on
 * its own embedded PostgreSQL and Kafka in a fresh data directory, with
 * {@code overdracht.lifecycle.objection-window-override=PT0S}; submits N OSO dossiers through the
 * API (not timed as part of the figure, but reported); then posts N matching enrolments and times
 * from the first enrolment until all N dossiers are RELEASED, counting them in PostgreSQL through
 * the JDBC driver. The service's own timer does the releasing (every
 * {@code overdracht.lifecycle.timer-interval}, in batches of {@code overdracht.lifecycle.batch-size}).
 * A rough figure for capacity planning: the clients, the service, PostgreSQL and Kafka share the
 * machine.
 *
 * <p>Arguments: {@code --n N} (default 20000), {@code --clients N} requests in flight (default 16),
 * {@code --jar PATH}, {@code --data-dir PATH} (default {@code benchmarks/target/lifecycle-data},
 * wiped at start), {@code --timer-interval DURATION} (default the service's, 1s), {@code --packaging}
 * (no value), {@code --release-at-once} (no value: see {@link #releaseAtOnce}). The environment
 * variable {@code SERVICE_JAVA_OPTIONS} adds JVM options to the service, such as a JFR recording.
 */
public final class LifecycleBenchmark {

    private static final int SCHOOLS = 50;

    private final int n;
    private final int clients;
    private final boolean packaging;
    private final boolean releaseAtOnce;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String[] sendingTokens = new String[SCHOOLS];
    private final String[] receivingTokens = new String[SCHOOLS];
    private String api;

    private LifecycleBenchmark(int n, int clients, boolean packaging, boolean releaseAtOnce) {
        this.n = n;
        this.clients = clients;
        this.packaging = packaging;
        this.releaseAtOnce = releaseAtOnce;
    }

    public static void main(String[] args) throws Exception {
        int n = 20_000;
        int clients = 16;
        Path jar = Path.of("transfer-service/target/quarkus-app/quarkus-run.jar");
        Path dataDir = Path.of("benchmarks/target/lifecycle-data");
        String timerInterval = null;
        boolean packaging = false;
        boolean releaseAtOnce = false;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--packaging") || args[i].equals("--release-at-once")) {
                packaging |= args[i].equals("--packaging");
                releaseAtOnce |= args[i].equals("--release-at-once");
                i--;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--timer-interval" -> timerInterval = args[i + 1];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        new LifecycleBenchmark(n, clients, packaging, releaseAtOnce).run(jar.toAbsolutePath(), dataDir.toAbsolutePath(), timerInterval);
    }

    private void run(Path jar, Path dataDir, String timerInterval) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -B package -DskipTests");
        }
        Files.createDirectories(dataDir);
        int httpPort = freePort();
        int managementPort = freePort();
        int postgresPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Doverdracht.embedded.data-dir=" + dataDir,
                "-Doverdracht.embedded.ephemeral=true",
                "-Doverdracht.embedded.postgres-port=" + postgresPort,
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.port=" + managementPort,
                "-Doverdracht.lifecycle.objection-window-override=" + (releaseAtOnce ? "PT24H" : "PT0S"),
                "-Dquarkus.log.category.\"nl.overdracht.platform.ProblemMapper\".level=ERROR"));
        if (timerInterval != null) {
            command.add("-Doverdracht.lifecycle.timer-interval=" + timerInterval);
        }
        String serviceOptions = System.getenv("SERVICE_JAVA_OPTIONS");
        if (serviceOptions != null && !serviceOptions.isBlank()) {
            command.addAll(List.of(serviceOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        Path log = dataDir.resolveSibling("lifecycle-service.log");
        Process service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(service::destroy));
        try {
            api = "http://localhost:" + httpPort;
            awaitReady(service, "http://localhost:" + managementPort + "/q/health/ready", log);
            PrivateKey key = DevSigningKey.readPrivateKey(dataDir.resolve("keys").resolve(DevSigningKey.PRIVATE_KEY_FILE));
            mintTokens(key);
            BenchmarkSchools.register(http, api, key, java.util.stream.IntStream.range(0, SCHOOLS)
                    .mapToObj(i -> List.of(sendingSchool(i), receivingSchool(i))).flatMap(List::stream).toList());
            if (packaging) {
                for (int i = 0; i < SCHOOLS; i++) {
                    String school = receivingSchool(i);
                    BenchmarkSchools.certify(http, api, key, school, i % 2 == 0 ? SchoolKey.ec(school) : SchoolKey.rsa(school));
                }
            }
            String jdbc = databaseUrl(postgresPort);
            measure(jdbc, timerInterval == null ? "1s" : timerInterval);
        } finally {
            service.destroy();
            if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    private void measure(String jdbc, String timerInterval) throws Exception {
        List<String> pupils = bsns(20_000_000, n);
        System.out.printf(Locale.ROOT, "Lifecycle benchmark: N=%d, objection window 0 s, %d clients, timer every %s, "
                + "%d cores%n", n, clients, timerInterval, Runtime.getRuntime().availableProcessors());

        long seedStart = System.nanoTime();
        load("dossier", i -> HttpRequest.newBuilder(URI.create(api + "/api/v1/dossiers"))
                .header("Authorization", "Bearer " + sendingTokens[i % SCHOOLS])
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(SampleDossiers.sentBy(SampleDossiers.oso("POVO")
                        .replace("<bsn>" + SampleDossiers.FICTIONAL_BSN + "</bsn>", "<bsn>" + pupils.get(i) + "</bsn>"),
                        sendingSchool(i % SCHOOLS))))
                .build());
        double seedSeconds = seconds(seedStart);
        System.out.printf(Locale.ROOT, "seeded      %6d dossiers    in %7.1f s  (%7.1f dossiers/s submitted)%n", n,
                seedSeconds, n / seedSeconds);

        try (Connection db = connect(jdbc)) {
            long awaiting = count(db, "SELECT count(*) FROM dossier WHERE state = 'AWAITING_ENROLMENT'");
            if (awaiting != n) {
                throw new IllegalStateException(awaiting + " dossiers await enrolment, expected " + n);
            }
            if (releaseAtOnce) {
                releaseAtOnce(db, jdbc, pupils);
                return;
            }
            AtomicReference<Double> lastReleased = new AtomicReference<>();
            AtomicReference<Double> lastDeliverable = new AtomicReference<>();
            long start = System.nanoTime();
            CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
                try (Connection poll = connect(jdbc)) {
                    while (count(poll, "SELECT count(*) FROM dossier WHERE state IN ('RELEASED', 'DELIVERABLE')") < n) {
                        Thread.sleep(50);
                    }
                    lastReleased.set(seconds(start));
                    while (packaging && count(poll, "SELECT count(*) FROM dossier WHERE state = 'DELIVERABLE'") < n) {
                        Thread.sleep(50);
                    }
                    lastDeliverable.set(seconds(start));
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            load("enrolment", i -> enrolment(i, pupils));
            double enrolSeconds = seconds(start);
            System.out.printf(Locale.ROOT, "enrolled    %6d pupils      in %7.1f s  (%7.1f enrolments/s, each matched "
                    + "and its window opened)%n", n, enrolSeconds, n / enrolSeconds);
            watcher.get(30, java.util.concurrent.TimeUnit.MINUTES);
            double total = lastReleased.get();
            System.out.printf(Locale.ROOT, "released    %6d dossiers    in %7.1f s  from the first enrolment: "
                    + "%.1f dossiers/s (enrolment to RELEASED), last one %.1f s after the last enrolment%n",
                    n, total, n / total, total - enrolSeconds);
            if (packaging) {
                double delivered = lastDeliverable.get();
                System.out.printf(Locale.ROOT, "deliverable %6d dossiers    in %7.1f s  from the first enrolment: "
                        + "%.1f dossiers/s (enrolment to DELIVERABLE, released and packaged), last one %.1f s after the "
                        + "last enrolment%n", n, delivered, n / delivered, delivered - enrolSeconds);
                long packages = count(db, "SELECT count(*) FROM delivery_package");
                if (packages != n) {
                    throw new IllegalStateException(packages + " delivery packages, expected " + n);
                }
            }
            long events = count(db, "SELECT count(*) FROM outbox_event WHERE payload->>'transition' = 'RELEASE'");
            long audited = count(db, "SELECT (SELECT count(*) FROM audit_pending WHERE action = 'DOSSIER_RELEASED') "
                    + "+ (SELECT count(*) FROM audit_entry WHERE action = 'DOSSIER_RELEASED')");
            System.out.printf(Locale.ROOT, "check: %d RELEASE events in the outbox, %d DOSSIER_RELEASED audit entries%n",
                    events, audited);
        }
    }

    /**
     * The whole cohort's windows close at once: enrols every pupil under a 24-hour window (timed and
     * reported, not part of the figure), moves every window's end to now in one statement, and times
     * the service's own timer and delivery consumers until every dossier is RELEASED and DELIVERABLE.
     */
    private void releaseAtOnce(Connection db, String jdbc, List<String> pupils) throws Exception {
        long enrolStart = System.nanoTime();
        load("enrolment", i -> enrolment(i, pupils));
        double enrolSeconds = seconds(enrolStart);
        System.out.printf(Locale.ROOT, "enrolled    %6d pupils      in %7.1f s  (%7.1f enrolments/s, each matched "
                + "and its 24-hour window opened)%n", n, enrolSeconds, n / enrolSeconds);
        long open = count(db, "SELECT count(*) FROM dossier WHERE state = 'OBJECTION_WINDOW'");
        if (open != n) {
            throw new IllegalStateException(open + " dossiers in their objection window, expected " + n);
        }
        long start = System.nanoTime();
        try (java.sql.Statement close = db.createStatement()) {
            close.executeUpdate("UPDATE dossier SET window_ends_at = now() WHERE state = 'OBJECTION_WINDOW'");
        }
        try (Connection poll = connect(jdbc)) {
            while (count(poll, "SELECT count(*) FROM dossier WHERE state IN ('RELEASED', 'DELIVERABLE')") < n) {
                Thread.sleep(50);
            }
            double released = seconds(start);
            System.out.printf(Locale.ROOT, "released    %6d dossiers    in %7.1f s  from the windows' end: %.1f dossiers/s%n",
                    n, released, n / released);
            while (packaging && count(poll, "SELECT count(*) FROM dossier WHERE state = 'DELIVERABLE'") < n) {
                Thread.sleep(50);
            }
            double deliverable = seconds(start);
            if (packaging) {
                System.out.printf(Locale.ROOT, "deliverable %6d dossiers    in %7.1f s  from the windows' end: %.1f dossiers/s "
                        + "(released and packaged)%n", n, deliverable, n / deliverable);
                long packages = count(poll, "SELECT count(*) FROM delivery_package");
                if (packages != n) {
                    throw new IllegalStateException(packages + " delivery packages, expected " + n);
                }
            }
        }
    }

    private HttpRequest enrolment(int i, List<String> pupils) {
        return HttpRequest.newBuilder(URI.create(api + "/api/v1/enrolments"))
                .header("Authorization", "Bearer " + receivingTokens[i % SCHOOLS])
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pupilIdKind\":\"BSN\",\"pupilId\":\"" + pupils.get(i)
                        + "\",\"enrolmentDate\":\"2025-08-25\"}"))
                .build();
    }

    /** Sends {@code n} requests, {@link #clients} at a time; any answer but 201 stops the run. */
    private void load(String what, IntFunction<HttpRequest> request) throws Exception {
        Semaphore inFlight = new Semaphore(clients);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < n && failure.get() == null; i++) {
            inFlight.acquire();
            pending.add(http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        inFlight.release();
                        if (error != null) {
                            failure.compareAndSet(null, error.toString());
                        } else if (response.statusCode() != 201) {
                            failure.compareAndSet(null, response.statusCode() + " " + response.body());
                        } else {
                            done.incrementAndGet();
                        }
                    }));
            if (pending.size() >= 1000) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (failure.get() != null) {
            throw new IllegalStateException("a " + what + " request failed: " + failure.get());
        }
    }

    private static String sendingSchool(int i) {
        return String.format("%02dBS00", i);
    }

    /** The school that enrols the pupils of {@link #sendingSchool}: registered too, as only admitted schools enrol. */
    private static String receivingSchool(int i) {
        return String.format("%02dBR00", i);
    }

    private void mintTokens(PrivateKey key) {
        for (int i = 0; i < SCHOOLS; i++) {
            MintToken.Request sending = MintToken.Request.forSchool(sendingSchool(i), "sending-school");
            MintToken.Request receiving = MintToken.Request.forSchool(receivingSchool(i), "receiving-school");
            sendingTokens[i] = MintToken.mint(sending.issuedAt(sending.issuedAt(), Duration.ofHours(6)), key);
            receivingTokens[i] = MintToken.mint(receiving.issuedAt(receiving.issuedAt(), Duration.ofHours(6)), key);
        }
    }

    private void awaitReady(Process service, String health, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service stopped; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(health))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not become ready; see " + log);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
