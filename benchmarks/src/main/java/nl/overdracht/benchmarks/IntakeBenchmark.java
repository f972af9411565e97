package nl.overdracht.benchmarks;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.MintToken;
import nl.overdracht.profile.SampleDossiers;

/**
 * Intake throughput against a running Overdracht (the embedded run: PostgreSQL and Kafka real):
 * concurrent clients POST OSO dossiers of ~20 KB and ~175 KB, each about another pupil ({@link DistinctPupils}),
 * and the benchmark reports
 * dossiers/s, MB/s, p50 and p99. In the same run it inserts the same bytes into a scratch table of
 * the same PostgreSQL through the same driver (the Vert.x reactive client) at the same
 * concurrency, and prints the ratio of the two rates. {@code --pg} connects as the database's owner,
 * {@code overdracht_owner}: creating and dropping the scratch table is DDL, which the service's own
 * role may not do.
 *
 * <pre>
 * java -cp ... nl.overdracht.benchmarks.IntakeBenchmark --url http://localhost:8080 \
 *      --key DATA/keys/jwt-signing-key.pem --pg postgresql://overdracht_owner@127.0.0.1:PORT/overdracht \
 *      [--clients 32] [--count 4000] [--warmup 20000]
 * </pre>
 *
 * <p>With {@code --rate R} it runs open loop instead ({@link OpenLoopIntake}), after the warm-up has left
 * nothing for the service to publish or chain: {@code --duration SECONDS}
 * (default 30) of {@code --size BYTES} dossiers (default 20000) sent at R per second whatever the
 * answers, each latency from its intended send time; p50, p90, p99, p99.9 and max, requests sent,
 * answered 201 and failed, and the rate achieved. No raw-insert comparison in that mode.
 */
public final class IntakeBenchmark {

    private IntakeBenchmark() {
    }

    record Result(String what, int sizeBytes, int count, double seconds, List<Long> latenciesNanos, int failures) {

        double perSecond() {
            return count / seconds;
        }

        double megabytesPerSecond() {
            return perSecond() * sizeBytes / 1_000_000.0;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            int index = Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1);
            return sorted.get(Math.max(0, index)) / 1_000_000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments given = new Arguments(args, "--url", "--key", "--pg", "--clients", "--count", "--warmup", "--rate",
                "--duration", "--size");
        String url = given.text("--url", "http://localhost:8080");
        String key = given.text("--key", null);
        String pg = given.text("--pg", null);
        int clients = given.integer("--clients", 32);
        if (key == null || pg == null) {
            throw new IllegalArgumentException("--key and --pg are required");
        }
        PrivateKey signingKey = DevSigningKey.readPrivateKey(Path.of(key));
        String token = MintToken.mint(MintToken.Request.forSchool(SampleDossiers.OSO_SENDER, "sending-school"), signingKey);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        BenchmarkSchools.register(http, url, signingKey, List.of(SampleDossiers.OSO_SENDER));
        if (given.decimal("--rate", 0) > 0) {
            openLoop(http, url, token, pg, given, clients);
        } else {
            closedLoop(http, url, token, pg, clients, given.integer("--count", 4000), given.integer("--warmup", 20000));
        }
    }

    /**
     * The open-loop mode ({@code --rate R --duration SECONDS [--size BYTES] [--warmup N]}): a closed-loop
     * warm-up of N requests (default 2000), then {@link OpenLoopIntake} at R requests/s.
     */
    private static void openLoop(HttpClient http, String url, String token, String pg, Arguments given, int clients)
            throws Exception {
        DistinctPupils dossiers = new DistinctPupils(SampleDossiers.osoOfSize(given.integer("--size", 20_000)),
                20_000_000);
        int warmup = given.integer("--warmup", 2000);
        if (warmup > 0) {
            run(http, url, token, dossiers, clients, warmup);
            awaitBackgroundDone(pg);
        }
        OpenLoopIntake.Result result = OpenLoopIntake.run(http, url, token, dossiers, given.decimal("--rate", 0),
                Duration.ofMillis(Math.round(given.decimal("--duration", 30) * 1000)));
        result.print();
        if (!result.valid()) {
            System.out.printf(Locale.ROOT, "INVALID RUN: %d of %d requests did not answer 201; the figures above do "
                    + "not count%n", result.sent() - result.created(), result.sent());
            System.exit(1);
        }
    }

    /**
     * Waits until the service has done the background work the warm-up left (its events published, its audit
     * entries chained), so that the fixed-rate run measures that rate, not the warm-up's aftermath.
     */
    private static void awaitBackgroundDone(String pg) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pg)).using(vertx).build();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (true) {
                long left = pool.query("SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL) "
                                + "+ (SELECT count(*) FROM audit_pending) AS left").execute()
                        .toCompletionStage().toCompletableFuture().get().iterator().next().getLong("left");
                if (left == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(left + " events or audit entries of the warm-up still wait after 5 min");
                }
                Thread.sleep(200);
            }
        } finally {
            pool.close();
            vertx.close();
        }
    }

    private static void closedLoop(HttpClient http, String url, String token, String pg, int clients, int count,
            int warmup) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(clients))
                .connectingTo(PgConnectOptions.fromUri(pg)).using(vertx).build();
        pool.query("CREATE TABLE IF NOT EXISTS bench_raw_insert (id UUID PRIMARY KEY, body BYTEA NOT NULL)")
                .execute().toCompletionStage().toCompletableFuture().get();

        List<Result> results = new ArrayList<>();
        for (int size : new int[] {20_000, 175_000}) {
            byte[] dossier = SampleDossiers.osoOfSize(size);
            DistinctPupils dossiers = new DistinctPupils(dossier, size > 100_000 ? 30_000_000 : 20_000_000);
            int n = size > 100_000 ? Math.max(200, count / 4) : count;
            // warm-up: the JIT compiles the crypto and parsing paths (AES-GCM, SHA-256 intrinsics) only
            // after thousands of calls; measured figures are the steady state after it
            run(http, url, token, dossiers, clients, size > 100_000 ? warmup / 4 : warmup);
            results.add(run(http, url, token, dossiers, clients, n));
            results.add(rawInsert(pool, dossier, clients, n));
        }
        pool.query("DROP TABLE bench_raw_insert").execute().toCompletionStage().toCompletableFuture().get();
        pool.close();
        vertx.close();

        System.out.printf(Locale.ROOT, "%n%-22s %9s %7s %11s %8s %9s %9s %8s%n", "what", "size", "count", "per second",
                "MB/s", "p50 ms", "p99 ms", "failed");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-22s %9d %7d %11.1f %8.1f %9.2f %9.2f %8d%n", r.what(), r.sizeBytes(),
                    r.count(), r.perSecond(), r.megabytesPerSecond(), r.percentileMillis(0.50),
                    r.percentileMillis(0.99), r.failures());
        }
        for (int i = 0; i + 1 < results.size(); i += 2) {
            System.out.printf(Locale.ROOT, "ratio intake / raw insert at %d bytes: %.2f%n", results.get(i).sizeBytes(),
                    results.get(i).perSecond() / results.get(i + 1).perSecond());
        }
        int failed = results.stream().mapToInt(Result::failures).sum();
        if (failed > 0) {
            System.out.printf(Locale.ROOT, "INVALID RUN: %d requests did not succeed; the figures above do not count%n",
                    failed);
            System.exit(1);
        }
    }

    static Result run(HttpClient http, String url, String token, DistinctPupils dossiers, int clients, int count)
            throws InterruptedException {
        byte[] dossier = dossiers.next();
        Semaphore inFlight = new Semaphore(clients);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            long sent = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/dossiers"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/xml")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(i == 0 ? dossier : dossiers.next())).build();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies.add(System.nanoTime() - sent);
                if (failure != null || response.statusCode() != 201) {
                    failures.incrementAndGet();
                }
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(f -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result("intake POST", dossier.length, count, seconds, new ArrayList<>(latencies), failures.get());
    }

    static Result rawInsert(Pool pool, byte[] dossier, int clients, int count) throws InterruptedException {
        Semaphore inFlight = new Semaphore(clients);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        Buffer body = Buffer.buffer(dossier);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            long sent = System.nanoTime();
            all.add(pool.preparedQuery("INSERT INTO bench_raw_insert (id, body) VALUES ($1, $2)")
                    .execute(Tuple.of(UUID.randomUUID(), body))
                    .toCompletionStage().toCompletableFuture().whenComplete((rows, failure) -> {
                        latencies.add(System.nanoTime() - sent);
                        if (failure != null) {
                            failures.incrementAndGet();
                        }
                        inFlight.release();
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(f -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result("raw INSERT (same bytes)", dossier.length, count, seconds, new ArrayList<>(latencies),
                failures.get());
    }
}
