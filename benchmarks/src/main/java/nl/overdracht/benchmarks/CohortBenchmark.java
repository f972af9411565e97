package nl.overdracht.benchmarks;

import static nl.overdracht.benchmarks.BenchmarkSupport.bsns;
import static nl.overdracht.benchmarks.BenchmarkSupport.connect;
import static nl.overdracht.benchmarks.BenchmarkSupport.count;
import static nl.overdracht.benchmarks.BenchmarkSupport.databaseUrl;
import static nl.overdracht.benchmarks.BenchmarkSupport.freePort;
import static nl.overdracht.benchmarks.BenchmarkSupport.rijksregisternummers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.overdracht.benchmarks.TransferClient.Outcome;
import nl.overdracht.benchmarks.TransferClient.Retry;
import nl.overdracht.client.PackageOpener;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.Directories;
import nl.overdracht.profile.SampleDossiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A cohort's transfer from end to end, every stage timed: N dossiers submitted, N pupils enrolled,
 * the zero objection window passed and every dossier packaged (DELIVERABLE), then every receiving
 * school lists its pending deliveries, downloads each package, decrypts it with its own key,
 * verifies Overdracht's signature and the content hash ({@link PackageOpener}, the reference
 * client's), and acknowledges it.
 *
 * <p>Starts the packaged service as {@code deploy/run-local.sh} does ({@link ServiceProcess#embedded}:
 * embedded PostgreSQL and Kafka, a fresh data directory, objection window zero). Registers as many
 * sending as receiving schools, the receiving ones with a certificate made here, RSA 2048 and EC
 * P-256 in turn. Pupil {@code i} goes from sending school {@code i % schools} to receiving school
 * {@code i % schools}; out of every twenty dossiers fourteen are OSO 2019.1 POVO of about 20 KB
 * (the standard's opt-out example), four of about 175 KB (its full example) and two vl-baso v2.
 *
 * <p>Prints each stage's rate: submitted/s, enrolled/s, released→deliverable/s (from the first
 * dossier RELEASED or DELIVERABLE until all are DELIVERABLE), downloaded+verified/s (listing
 * included), acknowledged/s; the time from the first submission to the last acknowledgement; the
 * service's heap after a full GC and its RSS; PostgreSQL's database size, and its growth per dossier.
 * A run with any failure is not reported: a non-2xx answer, a package that does not open or verify,
 * a content hash that is not the sent dossier's, or a count that does not add up ends the run with
 * {@code REFUSED} and the reason, exit status 1.
 *
 * <p>Arguments: {@code --n N} (default 10000), {@code --clients N} requests in flight (default 8),
 * {@code --schools N} sending and as many receiving schools (default 20; a school lists at most 1000
 * deliveries at once), {@code --jar PATH}, {@code --data-dir PATH} (default
 * {@code benchmarks/target/cohort-data}, wiped at start), {@code --timeout-minutes M} for the
 * dossiers to become DELIVERABLE (default 30).
 */
public final class CohortBenchmark {

    private static final String REGION = "cohort";
    private static final int MIX = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A dossier as sent: which kind of the mix, its media type and exact bytes, and the id its enrolment names. */
    private record Dossier(String kind, String mediaType, byte[] bytes, String pupilIdKind, String pupilId) {
    }

    private final int n;
    private final int clients;
    private final int schools;
    private final Path jar;
    private final Path dataDir;
    private final int httpPort;
    private final int managementPort;
    private final int postgresPort;
    private final List<String> bsns;
    private final List<String> rijksregisternummers;
    private final String optOut = new String(SampleDossiers.osoOfSize(20_000), StandardCharsets.UTF_8);
    private final String full = new String(SampleDossiers.osoOfSize(175_000), StandardCharsets.UTF_8);
    private final String baso = SampleDossiers.baso("2");
    private final List<String> report = new ArrayList<>();
    private TransferClient client;

    private CohortBenchmark(int n, int clients, int schools, Path jar, Path dataDir) throws Exception {
        this.n = n;
        this.clients = clients;
        this.schools = schools;
        this.jar = jar;
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.postgresPort = freePort();
        this.bsns = bsns(40_000_000, n);
        this.rijksregisternummers = rijksregisternummers(n / MIX * 2 + 2);
    }

    public static void main(String[] args) throws Exception {
        // the JDK's own providers have no ECDH with the X9.63 KDF that EC recipients' packages use
        Security.addProvider(new BouncyCastleProvider());
        Arguments given = new Arguments(args, "--n", "--clients", "--schools", "--jar", "--data-dir",
                "--timeout-minutes");
        CohortBenchmark benchmark = new CohortBenchmark(given.integer("--n", 10_000), given.integer("--clients", 8),
                given.integer("--schools", 20), given.path("--jar", "transfer-service/target/quarkus-app/quarkus-run.jar"),
                given.path("--data-dir", "benchmarks/target/cohort-data"));
        try {
            benchmark.run(Duration.ofMinutes(given.integer("--timeout-minutes", 30)));
        } catch (Exception e) {
            System.out.println("REFUSED: the run had a failure, so its figures are not reported: " + e.getMessage());
            System.exit(1);
        }
        benchmark.report.forEach(System.out::println);
        System.exit(0);
    }

    private void run(Duration timeout) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -B package -DskipTests");
        }
        if ((n + schools - 1) / schools > 1000) {
            throw new IllegalArgumentException("more than 1000 deliveries a school: give more --schools");
        }
        Directories.deleteRecursively(dataDir);
        Files.createDirectories(dataDir.getParent());
        System.out.printf(Locale.ROOT, "Cohort benchmark: N=%d, %d+%d schools, %d clients, %d cores, data in %s%n", n,
                schools, schools, clients, Runtime.getRuntime().availableProcessors(), dataDir);
        ServiceProcess service = ServiceProcess.embedded(jar, dataDir, postgresPort, httpPort, managementPort,
                dataDir.resolveSibling(dataDir.getFileName() + "-service.log"));
        try (Connection db = connect(databaseUrl(postgresPort))) {
            PrivateKey key = DevSigningKey.readPrivateKey(dataDir.resolve("keys").resolve(DevSigningKey.PRIVATE_KEY_FILE));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            client = new TransferClient(http, "http://127.0.0.1:" + httpPort, key, schools, Duration.ofSeconds(120));
            SchoolKey[] keys = new SchoolKey[schools];
            for (int s = 0; s < schools; s++) {
                keys[s] = s % 2 == 0 ? SchoolKey.rsa(TransferClient.receivingSchool(s))
                        : SchoolKey.ec(TransferClient.receivingSchool(s));
            }
            client.registerSchools(key, REGION, s -> keys[s]);
            long databaseAtStart = count(db, "SELECT pg_database_size(current_database())");
            mix();

            String[] ids = new String[n];
            String[] sent = new String[n];
            long first = System.nanoTime();
            submit(ids, sent);
            stage("submitted", first);
            expect(db, "SELECT count(*) FROM dossier WHERE state = 'AWAITING_ENROLMENT'", n, "dossiers awaiting enrolment");

            CompletableFuture<double[]> packaged = watchPackaging(timeout);
            long enrolling = System.nanoTime();
            BenchmarkSupport.inParallel(clients, BenchmarkSupport.indices(n), i -> {
                Dossier dossier = dossier(i);
                Outcome outcome = client.send(client.enrolment(i, dossier.pupilIdKind(), dossier.pupilId()), Retry.NEVER);
                if (outcome.status() != 201) {
                    throw new IllegalStateException("enrolling pupil " + i + " answered " + outcome.status() + " "
                            + outcome.body());
                }
            });
            stage("enrolled", enrolling);
            double[] window = packaged.get(timeout.toMinutes() + 1, TimeUnit.MINUTES);
            report.add(String.format(Locale.ROOT, "%-22s %6d in %7.1f s  %8.1f /s  (from the first RELEASED to the "
                    + "last DELIVERABLE)", "released→deliverable", n, window[1] - window[0], n / (window[1] - window[0])));
            expect(db, "SELECT count(*) FROM delivery_package", n, "delivery packages");

            String[] hashes = downloadAndVerify(keys, ids, sent);
            long acknowledging = System.nanoTime();
            BenchmarkSupport.inParallel(clients, BenchmarkSupport.indices(n), i -> {
                Outcome outcome = client.send(client.acknowledgement(i % schools, ids[i], hashes[i]), Retry.NEVER);
                if (outcome.status() != 200) {
                    throw new IllegalStateException("acknowledging " + ids[i] + " answered " + outcome.status() + " "
                            + outcome.body());
                }
            });
            stage("acknowledged", acknowledging);
            double endToEnd = seconds(first);
            checkNothingPending();

            ServiceMemory memory = ServiceMemory.of(service.pid());
            long database = count(db, "SELECT pg_database_size(current_database())");
            report.add(String.format(Locale.ROOT, "end to end: first submission to last acknowledgement %.1f s "
                    + "(%.1f dossiers/s)", endToEnd, n / endToEnd));
            report.add(String.format(Locale.ROOT, "service: heap used after a full GC %.1f MiB (%.1f MiB committed), "
                    + "RSS %.1f MiB", memory.heapUsedKib() / 1024.0, memory.heapCommittedKib() / 1024.0,
                    memory.rssKib() / 1024.0));
            report.add(String.format(Locale.ROOT, "PostgreSQL: database %.1f MiB (%.1f MiB before the first dossier), "
                    + "%.1f KiB per dossier", database / 1048576.0, databaseAtStart / 1048576.0,
                    (database - databaseAtStart) / 1024.0 / n));
            report.add(String.format(Locale.ROOT, "checks: %d submitted = %d enrolled = %d DELIVERABLE = %d decrypted, "
                    + "signature verified and content hash equal to the sent dossier's = %d acknowledged; none pending",
                    n, n, n, n, n));
        } finally {
            service.stop();
        }
    }

    /** Pupil {@code i}'s dossier; made again when needed, so that N large dossiers are never all in memory. */
    private Dossier dossier(int i) {
        int slot = i % MIX;
        if (slot < 18) {
            String bsn = bsns.get(i);
            String oso = (slot < 14 ? optOut : full).replace("<bsn>" + SampleDossiers.FICTIONAL_BSN + "</bsn>",
                    "<bsn>" + bsn + "</bsn>");
            return new Dossier(slot < 14 ? "OSO 2019.1 opt-out" : "OSO 2019.1 full", "application/xml",
                    client.sentBy(i, oso).getBytes(StandardCharsets.UTF_8), "BSN", bsn);
        }
        String rrn = rijksregisternummers.get(i / MIX * 2 + slot - 18);
        String json = baso.replace(SampleDossiers.FICTIONAL_RIJKSREGISTERNUMMER, rrn)
                .replace("\"birthDate\": \"2015-03-01\"", "\"birthDate\": \"2015-03-" + rrn.substring(4, 6) + "\"")
                .replace("\"receivingSchool\": \"" + SampleDossiers.BASO_RECEIVER + "\"",
                        "\"receivingSchool\": \"" + TransferClient.receivingSchool(i % schools) + "\"");
        return new Dossier("vl-baso v2", "application/json", client.sentBy(i, json).getBytes(StandardCharsets.UTF_8),
                "RIJKSREGISTERNUMMER", rrn);
    }

    private void mix() {
        Map<String, long[]> kinds = new TreeMap<>();
        for (int i = 0; i < Math.min(n, MIX); i++) {
            Dossier dossier = dossier(i);
            kinds.computeIfAbsent(dossier.kind(), k -> new long[2])[1] = dossier.bytes().length;
        }
        for (int i = 0; i < n; i++) {
            int slot = i % MIX;
            kinds.computeIfAbsent(slot < 14 ? "OSO 2019.1 opt-out" : slot < 18 ? "OSO 2019.1 full" : "vl-baso v2",
                    k -> new long[2])[0]++;
        }
        StringBuilder line = new StringBuilder("mix:");
        kinds.forEach((kind, counts) -> line.append(String.format(Locale.ROOT, " %d %s (%,d bytes);", counts[0], kind,
                counts[1])));
        System.out.println(line);
    }

    private void submit(String[] ids, String[] sent) throws Exception {
        BenchmarkSupport.inParallel(clients, BenchmarkSupport.indices(n), i -> {
            Dossier dossier = dossier(i);
            sent[i] = sha256(dossier.bytes());
            Outcome outcome = client.send(client.submission(i, dossier.bytes(), dossier.mediaType(), "cohort/" + i),
                    Retry.NEVER);
            ids[i] = outcome.status() == 201 ? TransferClient.dossierId(outcome) : null;
            if (ids[i] == null) {
                throw new IllegalStateException("submitting dossier " + i + " (" + dossier.kind() + ") answered "
                        + outcome.status() + " " + outcome.body());
            }
        });
    }

    /**
     * Polls PostgreSQL until every dossier is DELIVERABLE; answers the seconds since now of the first
     * dossier seen RELEASED or DELIVERABLE and of all DELIVERABLE.
     */
    private CompletableFuture<double[]> watchPackaging(Duration timeout) {
        long start = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            try (Connection poll = connect(databaseUrl(postgresPort))) {
                double firstReleased = -1;
                long deadline = start + timeout.toNanos();
                while (System.nanoTime() < deadline) {
                    long deliverable = count(poll, "SELECT count(*) FROM dossier WHERE state = 'DELIVERABLE'");
                    if (firstReleased < 0 && (deliverable > 0
                            || count(poll, "SELECT count(*) FROM dossier WHERE state = 'RELEASED'") > 0)) {
                        firstReleased = seconds(start);
                    }
                    if (deliverable == n) {
                        return new double[] {firstReleased, seconds(start)};
                    }
                    Thread.sleep(50);
                }
                throw new IllegalStateException("not every dossier was DELIVERABLE within " + timeout + ": "
                        + count(poll, "SELECT count(*) FROM dossier WHERE state = 'DELIVERABLE'") + " of " + n);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /**
     * Every receiving school lists its pending deliveries, which must be exactly its dossiers, then
     * every package is downloaded and opened; answers each dossier's content SHA-256.
     */
    private String[] downloadAndVerify(SchoolKey[] keys, String[] ids, String[] sent) throws Exception {
        X509Certificate overdracht = signingCertificate();
        PackageOpener[] openers = new PackageOpener[schools];
        for (int s = 0; s < schools; s++) {
            openers[s] = new PackageOpener(keys[s].privateKey(), keys[s].certificate(), overdracht);
        }
        Map<String, Integer> pupilOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            pupilOf.put(ids[i], i);
        }
        long start = System.nanoTime();
        List<Integer> listed = new ArrayList<>();
        for (int s = 0; s < schools; s++) {
            JsonNode pending = JSON.readTree(client.bytes(client.pendingDeliveries(s)));
            int expected = n / schools + (s < n % schools ? 1 : 0);
            if (pending.size() != expected) {
                throw new IllegalStateException(TransferClient.receivingSchool(s) + " lists " + pending.size()
                        + " pending deliveries, not its " + expected);
            }
            for (JsonNode delivery : pending) {
                Integer i = pupilOf.get(delivery.path("id").asText());
                if (i == null || i % schools != s) {
                    throw new IllegalStateException(TransferClient.receivingSchool(s) + " lists a delivery that is "
                            + "not one of its dossiers: " + delivery.path("id").asText());
                }
                listed.add(i);
            }
        }
        if (listed.size() != n) {
            throw new IllegalStateException("the schools list " + listed.size() + " deliveries, not " + n);
        }
        String[] hashes = new String[n];
        AtomicLong bytes = new AtomicLong();
        AtomicInteger ec = new AtomicInteger();
        BenchmarkSupport.inParallel(clients, listed, i -> {
            int s = i % schools;
            byte[] cms = client.bytes(client.download(s, ids[i]));
            bytes.addAndGet(cms.length);
            PackageOpener.Opened opened;
            try {
                opened = openers[s].open(cms);
            } catch (PackageOpener.RefusedPackage e) {
                throw new IllegalStateException("the package of " + ids[i] + " for " + TransferClient.receivingSchool(s)
                        + " was refused: " + e.getMessage(), e);
            }
            if (!ids[i].equals(opened.manifest().path("dossierId").asText())) {
                throw new IllegalStateException("the package of " + ids[i] + " names dossier "
                        + opened.manifest().path("dossierId").asText());
            }
            if (!opened.contentSha256().equals(sent[i])) {
                throw new IllegalStateException("the content of " + ids[i] + " is not the dossier sent (SHA-256 "
                        + opened.contentSha256() + ", sent " + sent[i] + "; sections removed: "
                        + opened.manifest().path("sectionsRemoved") + ")");
            }
            if (keys[s].certificate().getPublicKey().getAlgorithm().equals("EC")) {
                ec.incrementAndGet();
            }
            hashes[i] = opened.contentSha256();
        });
        stage("downloaded+verified", start);
        report.add(String.format(Locale.ROOT, "  packages: %.1f MB in all, %d opened with an EC key, %d with an RSA key",
                bytes.get() / 1e6, ec.get(), n - ec.get()));
        return hashes;
    }

    private X509Certificate signingCertificate() throws Exception {
        JsonNode view = JSON.readTree(client.bytes(client.signingCertificate()));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(view.path("certificate").asText().getBytes(StandardCharsets.US_ASCII)));
    }

    private void checkNothingPending() throws Exception {
        for (int s = 0; s < schools; s++) {
            JsonNode pending = JSON.readTree(client.bytes(client.pendingDeliveries(s)));
            if (!pending.isEmpty()) {
                throw new IllegalStateException(TransferClient.receivingSchool(s) + " still lists " + pending.size()
                        + " pending deliveries after acknowledging them all");
            }
        }
    }

    private void stage(String what, long since) {
        double seconds = seconds(since);
        report.add(String.format(Locale.ROOT, "%-22s %6d in %7.1f s  %8.1f /s", what, n, seconds, n / seconds));
        System.out.printf(Locale.ROOT, "%s: %d in %.1f s%n", what, n, seconds);
    }

    private static void expect(Connection db, String sql, long expected, String what) throws Exception {
        long found = count(db, sql);
        if (found != expected) {
            throw new IllegalStateException(found + " " + what + ", not " + expected);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
