package nl.overdracht.benchmarks;

import static nl.overdracht.benchmarks.BenchmarkSupport.bsns;
import static nl.overdracht.benchmarks.BenchmarkSupport.connect;
import static nl.overdracht.benchmarks.BenchmarkSupport.count;
import static nl.overdracht.benchmarks.BenchmarkSupport.databaseUrl;
import static nl.overdracht.benchmarks.BenchmarkSupport.freePort;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.Directories;
import nl.overdracht.embedded.MintToken;
import nl.overdracht.profile.SampleDossiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

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
    private static final String NOTIFIED = "payload->>'transition' NOT IN ('ACCEPT', 'REVISE', 'REPACKAGE')";

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
    private String api;
    private String[] sendingTokens;
    private String[] receivingTokens;

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
        int n = 2000;
        int clients = 8;
        int schools = 10;
        double killAfter = 0.5;
        int timeoutMinutes = 20;
        Path jar = Path.of("transfer-service/target/quarkus-app/quarkus-run.jar");
        Path dataDir = Path.of("benchmarks/target/crash-data");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--schools" -> schools = Integer.parseInt(args[i + 1]);
                case "--kill-after" -> killAfter = Double.parseDouble(args[i + 1]);
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--timeout-minutes" -> timeoutMinutes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        boolean passed = new CrashRestartCheck(n, clients, schools, killAfter, jar.toAbsolutePath(),
                dataDir.toAbsolutePath()).run(Duration.ofMinutes(timeoutMinutes));
        System.exit(passed ? 0 : 1);
    }

    private boolean run(Duration timeout) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -B package -DskipTests");
        }
        Directories.deleteRecursively(dataDir);
        Files.createDirectories(dataDir.getParent());
        api = "http://127.0.0.1:" + httpPort;
        String jdbc = databaseUrl(postgresPort);
        System.out.printf(Locale.ROOT, "Crash-restart check: N=%d dossiers, %d+%d schools, %d clients, kill -9 after %.0f%% "
                + "of the enrolments, data in %s%n", n, schools, schools, clients, killAfter * 100, dataDir);

        Process service = start(1);
        Process restarted = null;
        try {
            PrivateKey key = DevSigningKey.readPrivateKey(dataDir.resolve("keys").resolve(DevSigningKey.PRIVATE_KEY_FILE));
            mintTokens(key);
            registerSchools(key);
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
            CompletableFuture<int[]> enrolling = CompletableFuture.supplyAsync(() -> enrol(pupils, allIndices(),
                    () -> {
                        if (answered.incrementAndGet() == killAt) {
                            killed.complete(null);
                        }
                    }, killed));
            killed.get(30, TimeUnit.MINUTES);
            long pid = service.pid();
            service.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop of Kafka or PostgreSQL
            service.waitFor(30, TimeUnit.SECONDS);
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
                        "SELECT count(*) FROM outbox_event e WHERE e.published_at IS NOT NULL AND " + NOTIFIED
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
                return awaitAndCheck(db, timeout);
            }
        } finally {
            stop(service);
            stop(restarted);
        }
    }

    private boolean awaitAndCheck(Connection db, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String missingNotifications = "SELECT count(*) FROM outbox_event e WHERE " + NOTIFIED
                + " AND NOT EXISTS (SELECT 1 FROM school_notification s WHERE s.event_id = e.event_id)";
        long deliverable = 0;
        long missing = -1;
        while (System.nanoTime() < deadline) {
            deliverable = count(db, "SELECT count(*) FROM dossier WHERE state = 'DELIVERABLE'");
            missing = count(db, missingNotifications);
            if (deliverable == n && missing == 0) {
                break;
            }
            Thread.sleep(1000);
        }
        System.out.printf(Locale.ROOT, "after the restart: %d of %d DELIVERABLE, %d notifications missing, %.1f s%n",
                deliverable, n, missing, seconds(start));
        // Let any redelivery after the restart land before counting doubles.
        Thread.sleep(5000);

        Map<String, Long> problems = new LinkedHashMap<>();
        problems.put("dossiers not DELIVERABLE", count(db, "SELECT count(*) FROM dossier WHERE state <> 'DELIVERABLE'"));
        problems.put("dossiers without exactly one delivery package", count(db,
                "SELECT count(*) FROM dossier d WHERE (SELECT count(*) FROM delivery_package p WHERE p.dossier_id = d.id) <> 1"));
        problems.put("dossiers without exactly one PACKAGE event", count(db,
                "SELECT count(*) FROM dossier d WHERE (SELECT count(*) FROM outbox_event e WHERE e.aggregate_id = d.id "
                        + "AND e.payload->>'transition' = 'PACKAGE') <> 1"));
        problems.put("dossiers without exactly one PACKAGE_CREATED audit entry", count(db,
                "SELECT count(*) FROM dossier d WHERE (SELECT count(*) FROM audit_pending a WHERE a.dossier_id = d.id "
                        + "AND a.action = 'PACKAGE_CREATED') + (SELECT count(*) FROM audit_entry a WHERE a.dossier_id = d.id "
                        + "AND a.action = 'PACKAGE_CREATED') <> 1"));
        problems.put("notified events without a notification (lost)", count(db, missingNotifications));
        problems.put("notified events with more than one notification (doubled)", count(db,
                "SELECT count(*) FROM (SELECT event_id FROM school_notification GROUP BY event_id HAVING count(*) > 1) d"));
        problems.put("notifications without their event", count(db,
                "SELECT count(*) FROM school_notification s WHERE NOT EXISTS (SELECT 1 FROM outbox_event e "
                        + "WHERE e.event_id = s.event_id)"));
        problems.put("dossiers without exactly one notification of each kind (OBJECTION_WINDOW, RELEASED, DELIVERABLE)",
                count(db, "SELECT count(*) FROM dossier d WHERE (SELECT count(*) FROM school_notification s "
                        + "WHERE s.dossier_id = d.id AND s.kind = 'OBJECTION_WINDOW') <> 1 OR (SELECT count(*) FROM "
                        + "school_notification s WHERE s.dossier_id = d.id AND s.kind = 'RELEASED') <> 1 OR (SELECT "
                        + "count(*) FROM school_notification s WHERE s.dossier_id = d.id AND s.kind = 'DELIVERABLE') <> 1"));
        problems.put("outbox events never published", count(db, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL"));

        System.out.printf(Locale.ROOT, "totals: %d dossiers, %d delivery packages, %d outbox events, %d notifications, "
                + "%d PACKAGE_CREATED audit entries%n", count(db, "SELECT count(*) FROM dossier"),
                count(db, "SELECT count(*) FROM delivery_package"), count(db, "SELECT count(*) FROM outbox_event"),
                count(db, "SELECT count(*) FROM school_notification"),
                count(db, "SELECT (SELECT count(*) FROM audit_pending WHERE action = 'PACKAGE_CREATED') "
                        + "+ (SELECT count(*) FROM audit_entry WHERE action = 'PACKAGE_CREATED')"));
        boolean passed = true;
        for (Map.Entry<String, Long> problem : problems.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-100s %6d%n", problem.getKey(), problem.getValue());
            passed &= problem.getValue() == 0;
        }
        System.out.println(passed ? "PASSED: nothing lost, nothing doubled" : "FAILED: see the counts above");
        return passed;
    }

    /** Starts the service as deploy/run-local.sh does, on the kept data directory; answers once it is ready. */
    private Process start(int round) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Doverdracht.embedded.postgres-port=" + postgresPort,
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.port=" + managementPort,
                "-Doverdracht.lifecycle.objection-window-override=PT0S",
                "-Dquarkus.log.category.\"nl.overdracht.platform.ProblemMapper\".level=ERROR",
                "-jar", jar.toString());
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-service-" + round + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OVERDRACHT_EMBEDDED_DATA_DIR", dataDir.toString());
        Process service = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service stopped; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + managementPort + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return service;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        service.destroyForcibly();
        throw new IllegalStateException("the service did not become ready; see " + log);
    }

    private static void stop(Process service) throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    private void registerSchools(PrivateKey key) throws Exception {
        String operator = MintToken.mint(MintToken.Request.forRegion(REGION, "operator"), key);
        String profiles = "[\"oso-gegevensset@2018.1\",\"oso-gegevensset@2019.1\",\"vl-baso@1\",\"vl-baso@2\"]";
        for (int i = 0; i < schools; i++) {
            post(operator, "/api/v1/registry/schools", "application/json", "{\"id\":\"" + sendingSchool(i)
                    + "\",\"name\":\"Zendende school " + i + "\",\"acceptedProfiles\":" + profiles + "}", 201);
            post(operator, "/api/v1/registry/schools", "application/json", "{\"id\":\"" + receivingSchool(i)
                    + "\",\"name\":\"Ontvangende school " + i + "\",\"acceptedProfiles\":" + profiles + "}", 201);
            post(operator, "/api/v1/registry/schools/" + receivingSchool(i) + "/certificates", "application/x-pem-file",
                    certificate(receivingSchool(i)), 201);
        }
    }

    private void post(String token, String path, String type, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + " " + response.body());
        }
    }

    /** Submits every dossier (a retry with the same Idempotency-Key answers the first answer); keeps their ids. */
    private void submit(List<String> pupils, String[] dossiers) throws Exception {
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
        Semaphore inFlight = new Semaphore(clients);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/v1/dossiers"))
                    .header("Authorization", "Bearer " + sendingTokens[i % schools])
                    .header("Content-Type", "application/xml")
                    .header("Idempotency-Key", "crash-check/" + i)
                    .POST(HttpRequest.BodyPublishers.ofString(SampleDossiers.sentBy(SampleDossiers.oso("POVO")
                            .replace("<bsn>" + SampleDossiers.FICTIONAL_BSN + "</bsn>", "<bsn>" + pupils.get(i) + "</bsn>"),
                            sendingSchool(i % schools))))
                    .build();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                inFlight.release();
                if (error != null || response.statusCode() != 201) {
                    failures.add(error != null ? error.toString() : response.statusCode() + " " + response.body());
                    return;
                }
                Matcher matcher = id.matcher(response.body());
                if (matcher.find()) {
                    dossiers[index] = matcher.group(1);
                } else {
                    failures.add("no id in " + response.body());
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " submissions failed, e.g. " + failures.get(0));
        }
    }

    /**
     * Posts the enrolments of the given pupils, {@link #clients} at a time, calling {@code onCreated}
     * for each 201; stops sending once {@code stop} is done. Answers {201 answers, other outcomes}.
     */
    private int[] enrol(List<String> pupils, List<Integer> indices, Runnable onCreated, CompletableFuture<Void> stop) {
        Semaphore inFlight = new Semaphore(clients);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        try {
            for (int i : indices) {
                inFlight.acquire();
                if (stop.isDone()) {
                    inFlight.release();
                    break;
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/v1/enrolments"))
                        .header("Authorization", "Bearer " + receivingTokens[i % schools])
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"pupilIdKind\":\"BSN\",\"pupilId\":\""
                                + pupils.get(i) + "\",\"enrolmentDate\":\"2025-08-25\"}"))
                        .build();
                pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    inFlight.release();
                    if (error == null && response.statusCode() == 201) {
                        created.incrementAndGet();
                        onCreated.run();
                    } else {
                        other.incrementAndGet();
                    }
                }));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return new int[] {created.get(), other.get()};
    }

    private List<Integer> allIndices() {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    private void mintTokens(PrivateKey key) {
        sendingTokens = new String[schools];
        receivingTokens = new String[schools];
        for (int i = 0; i < schools; i++) {
            MintToken.Request sending = MintToken.Request.forSchool(sendingSchool(i), "sending-school");
            MintToken.Request receiving = MintToken.Request.forSchool(receivingSchool(i), "receiving-school");
            sendingTokens[i] = MintToken.mint(sending.issuedAt(sending.issuedAt(), Duration.ofHours(6)), key);
            receivingTokens[i] = MintToken.mint(receiving.issuedAt(receiving.issuedAt(), Duration.ofHours(6)), key);
        }
    }

    private static String sendingSchool(int i) {
        return String.format(Locale.ROOT, "%02dCS00", i);
    }

    private static String receivingSchool(int i) {
        return String.format(Locale.ROOT, "%02dCR00", i);
    }

    /** A receiving school's self-signed certificate (RSA 2048, keyEncipherment), PEM; the key is thrown away. */
    private static String certificate(String school) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + school);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                pair.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(holder.getEncoded()) + "\n-----END CERTIFICATE-----\n";
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
