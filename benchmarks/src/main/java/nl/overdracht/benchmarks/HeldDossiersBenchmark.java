package nl.overdracht.benchmarks;

import static nl.overdracht.benchmarks.BenchmarkSupport.bsns;
import static nl.overdracht.benchmarks.BenchmarkSupport.connect;
import static nl.overdracht.benchmarks.BenchmarkSupport.count;
import static nl.overdracht.benchmarks.BenchmarkSupport.databaseUrl;
import static nl.overdracht.benchmarks.BenchmarkSupport.freePort;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import nl.overdracht.benchmarks.TransferClient.Outcome;
import nl.overdracht.benchmarks.TransferClient.Retry;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.Directories;
import nl.overdracht.profile.SampleDossiers;

/**
 * Whether the service's memory grows with the dossiers it holds: submits OSO dossiers of ~20 KB that
 * wait for their enrolment, and after each step (by default 20,000 and 100,000 dossiers held) reads the
 * service's heap right after a full GC and its RSS ({@link ServiceMemory}), beside PostgreSQL's size.
 * A held dossier should cost the database its bytes and the service nothing: the last line is the
 * ratio of the heap after GC at the last step to that at the first.
 *
 * <p>Starts the packaged service on a fresh embedded data directory ({@link ServiceProcess#embedded}).
 * Any answer but 201, or a count of waiting dossiers in PostgreSQL that is not the step's, ends the run
 * with {@code REFUSED} and the reason, exit status 1.
 *
 * <p>Arguments: {@code --steps 20000,100000}, {@code --clients N} requests in flight (default 16),
 * {@code --schools N} sending schools (default 20), {@code --jar PATH}, {@code --data-dir PATH} (default
 * {@code benchmarks/target/held-data}, wiped at start).
 */
public final class HeldDossiersBenchmark {

    private HeldDossiersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Arguments given = new Arguments(args, "--steps", "--clients", "--schools", "--jar", "--data-dir");
        int[] steps = Arrays.stream(given.text("--steps", "20000,100000").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).sorted().toArray();
        try {
            run(steps, given.integer("--clients", 16), given.integer("--schools", 20),
                    given.path("--jar", "transfer-service/target/quarkus-app/quarkus-run.jar"),
                    given.path("--data-dir", "benchmarks/target/held-data"));
        } catch (Exception e) {
            System.out.println("REFUSED: the run had a failure, so its figures are not reported: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(int[] steps, int clients, int schools, Path jar, Path dataDir) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -B package -DskipTests");
        }
        Directories.deleteRecursively(dataDir);
        Files.createDirectories(dataDir.getParent());
        int postgresPort = freePort();
        int httpPort = freePort();
        int managementPort = freePort();
        int last = steps[steps.length - 1];
        System.out.printf(Locale.ROOT, "Held dossiers: steps %s, %d clients, %d schools, %d cores, data in %s%n",
                Arrays.toString(steps), clients, schools, Runtime.getRuntime().availableProcessors(), dataDir);
        ServiceProcess service = ServiceProcess.embedded(jar, dataDir, postgresPort, httpPort, managementPort,
                dataDir.resolveSibling(dataDir.getFileName() + "-service.log"));
        List<String> report = new ArrayList<>();
        try (Connection db = connect(databaseUrl(postgresPort))) {
            PrivateKey key = DevSigningKey.readPrivateKey(dataDir.resolve("keys").resolve(DevSigningKey.PRIVATE_KEY_FILE));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            TransferClient client = new TransferClient(http, "http://127.0.0.1:" + httpPort, key, schools,
                    Duration.ofSeconds(120));
            client.registerSchools(key, "held");
            List<String> pupils = bsns(50_000_000, last);
            String dossier = new String(SampleDossiers.osoOfSize(20_000), StandardCharsets.UTF_8);
            ServiceMemory empty = ServiceMemory.of(service.pid());
            report.add(line(0, empty, count(db, "SELECT pg_database_size(current_database())")));
            double firstHeap = -1;
            double lastHeap = -1;
            int held = 0;
            for (int step : steps) {
                List<Integer> indices = IntStream.range(held, step).boxed().toList();
                long started = System.nanoTime();
                BenchmarkSupport.inParallel(clients, indices, i -> {
                    byte[] bytes = client.sentBy(i, dossier.replace("<bsn>" + SampleDossiers.FICTIONAL_BSN + "</bsn>",
                            "<bsn>" + pupils.get(i) + "</bsn>")).getBytes(StandardCharsets.UTF_8);
                    Outcome outcome = client.send(client.submission(i, bytes, "application/xml", "held/" + i), Retry.NEVER);
                    if (outcome.status() != 201) {
                        throw new IllegalStateException("submitting dossier " + i + " answered " + outcome.status());
                    }
                });
                double seconds = (System.nanoTime() - started) / 1e9;
                held = step;
                long waiting = count(db, "SELECT count(*) FROM dossier WHERE state = 'AWAITING_ENROLMENT'");
                if (waiting != held) {
                    throw new IllegalStateException(waiting + " dossiers await enrolment, expected " + held);
                }
                ServiceMemory memory = ServiceMemory.of(service.pid());
                System.out.printf(Locale.ROOT, "held %d (%d submitted in %.1f s, %.1f/s)%n", held, indices.size(),
                        seconds, indices.size() / seconds);
                report.add(line(held, memory, count(db, "SELECT pg_database_size(current_database())")));
                lastHeap = memory.heapUsedKib();
                if (firstHeap < 0) {
                    firstHeap = lastHeap;
                }
            }
            System.out.printf(Locale.ROOT, "%n%9s %22s %18s %12s %14s%n", "held", "heap after full GC MiB",
                    "heap committed MiB", "RSS MiB", "database MiB");
            report.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "heap after GC with %d held / with %d held: %.2f%n", last, steps[0],
                    lastHeap / firstHeap);
        } finally {
            service.stop();
        }
    }

    private static String line(int held, ServiceMemory memory, long databaseBytes) {
        return String.format(Locale.ROOT, "%9d %22.1f %18.1f %12.1f %14.1f", held, memory.heapUsedKib() / 1024.0,
                memory.heapCommittedKib() / 1024.0, memory.rssKib() / 1024.0, databaseBytes / 1048576.0);
    }
}
