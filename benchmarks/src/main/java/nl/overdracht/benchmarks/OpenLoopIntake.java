package nl.overdracht.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Intake latency at a fixed arrival rate (open loop): request {@code i} is due at
 * {@code start + i / rate}, and one pacing thread sends it then, asynchronously, whether or not
 * earlier requests have been answered. Each latency runs from the request's <em>intended</em> send
 * time, not from when it left: when the pacing thread or the client falls behind, the wait counts
 * against the service instead of vanishing (no coordinated omission). Every answer and every
 * error is recorded, in an HdrHistogram (three significant digits).
 */
final class OpenLoopIntake {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** What a run came to; latencies in nanoseconds from the intended send time. */
    record Result(int sizeBytes, double rate, int sent, int created, int failed, double sendingSeconds,
            double seconds, Histogram latencies) {

        /** The sends' own rate: the intervals between the first and the last send, per second. */
        double achievedRate() {
            return sent > 1 ? (sent - 1) / sendingSeconds : Double.NaN;
        }

        double millis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1e6;
        }

        boolean valid() {
            return failed == 0 && created == sent;
        }

        void print() {
            System.out.printf(Locale.ROOT, "%nopen loop: %d-byte dossiers at %.1f/s for %.1f s%n", sizeBytes, rate,
                    sendingSeconds);
            System.out.printf(Locale.ROOT, "sent %d, answered 201 %d, failed %d; achieved %.1f requests/s "
                    + "(201s %.1f/s until the last answer, %.1f s)%n", sent, created, failed, achievedRate(),
                    created / seconds, seconds);
            System.out.printf(Locale.ROOT, "latency from the intended send time, ms: p50 %.2f  p90 %.2f  p99 %.2f  "
                    + "p99.9 %.2f  max %.2f%n", millis(50), millis(90), millis(99), millis(99.9),
                    latencies.getMaxValue() / 1e6);
        }
    }

    private OpenLoopIntake() {
    }

    /**
     * Sends {@code dossiers}, each about another pupil, at {@code rate} per second for {@code duration}, then
     * waits for every answer.
     */
    static Result run(HttpClient http, String url, String token, DistinctPupils dossiers, double rate,
            Duration duration) {
        byte[] dossier = dossiers.next();
        Histogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(5), 3);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        long interval = Math.round(1e9 / rate);
        int count = (int) Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        CompletableFuture<?>[] answers = new CompletableFuture<?>[count];
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < count; i++) {
            long intended = start + i * interval;
            // made before its due time, so that making it never delays the send
            byte[] body = i == 0 ? dossier : dossiers.next();
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/dossiers"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/xml")
                    .timeout(REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            answers[i] = http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long now = System.nanoTime();
                latencies.recordValue(Math.min(now - intended, latencies.getHighestTrackableValue()));
                lastAnswer.accumulateAndGet(now, Math::max);
                if (error == null && response.statusCode() == 201) {
                    created.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
        }
        double sendingSeconds = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(answers).exceptionally(e -> null).join();
        return new Result(dossier.length, rate, count, created.get(), failed.get(), sendingSeconds,
                (lastAnswer.get() - start) / 1e9, latencies);
    }
}
