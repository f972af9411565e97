package nl.overdracht.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.overdracht.benchmarks.DeliveryLedger.Counts;

/**
 * The fault suite: runs the packaged service against a PostgreSQL and a Kafka of the suite's own
 * and, for each fault, drives N dossiers from submission to DELIVERABLE while the fault strikes
 * ({@link Fault}): kill -9 of the service during intake and during delivery, PostgreSQL refusing
 * connections, PostgreSQL frozen, Kafka stopped, each followed by the recovery. Every request a
 * school's system makes is sent again with the same {@code Idempotency-Key} after a connection
 * error, a timeout, a 5xx or a 429, until the deadline; a dossier counts as accepted only when its
 * submission was answered 2xx ({@link FaultRun}).
 *
 * <p>After each fault it waits until every accepted dossier has arrived and the consumers have
 * caught up (or the deadline passes), then counts in PostgreSQL ({@link DeliveryLedger}) and prints
 * what it did, a line of figures (accepted, stored, delivered, duplicated, lost, notifications
 * present of expected) and, at the end, a table of all faults.
 *
 * <p>Arguments: {@code --faults a,b} (default all: {@code kill-intake, kill-delivery,
 * postgres-refusing, postgres-frozen, kafka-stopped}), {@code --n N} dossiers per fault (default
 * 1000), {@code --clients N} requests in flight (default 8), {@code --schools N} sending and as many
 * receiving schools (default 10), {@code --outage-seconds S} how long PostgreSQL or Kafka stays away
 * (default 10), {@code --request-timeout-seconds S} (default 30), {@code --timeout-minutes M} for the
 * load and the arrival together, per fault (default 20), {@code --jar PATH}, {@code --work-dir PATH}
 * (default {@code benchmarks/target/faults}; one directory per fault with the servers' data and the
 * service's log, wiped when the fault runs again).
 *
 * <p>Exit status 0 when every fault ran and lost nothing, doubled nothing and left no notification
 * missing; 1 otherwise.
 */
public final class FaultSuite {

    /** The suite's settings, from the arguments. */
    record Options(List<Fault> faults, int n, int clients, int schools, Duration outage, Duration requestTimeout,
            Duration timeout, Path jar, Path workDirectory) {

        static Options parse(String[] args) {
            Arguments given = new Arguments(args, "--faults", "--n", "--clients", "--schools", "--outage-seconds",
                    "--request-timeout-seconds", "--timeout-minutes", "--jar", "--work-dir");
            String faults = given.text("--faults", null);
            return new Options(faults == null ? List.of(Fault.values())
                    : Arrays.stream(faults.split(",")).map(String::strip).map(Fault::byId).toList(),
                    given.integer("--n", 1000), given.integer("--clients", 8), given.integer("--schools", 10),
                    Duration.ofSeconds(given.integer("--outage-seconds", 10)),
                    Duration.ofSeconds(given.integer("--request-timeout-seconds", 30)),
                    Duration.ofMinutes(given.integer("--timeout-minutes", 20)),
                    given.path("--jar", "transfer-service/target/quarkus-app/quarkus-run.jar"),
                    given.path("--work-dir", "benchmarks/target/faults"));
        }
    }

    /** One fault's outcome: its counts (null when it could not be run), and what went wrong besides them. */
    record Result(Fault fault, Counts counts, String problem, Duration took) {
        boolean passed() {
            return problem == null && counts != null && counts.passed();
        }
    }

    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException(options.jar() + " is missing; build it with ./mvnw -B package -DskipTests");
        }
        System.out.printf(Locale.ROOT, "Fault suite: %d dossiers per fault, %d clients, %d+%d schools, outages of %d s, "
                + "work in %s%n", options.n(), options.clients(), options.schools(), options.schools(),
                options.outage().toSeconds(), options.workDirectory());
        List<Result> results = new ArrayList<>();
        for (Fault fault : options.faults()) {
            results.add(run(fault, options));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-18s %8s %8s %9s %10s %6s %15s %8s  %s%n", "fault", "accepted", "stored",
                "delivered", "duplicated", "lost", "notifications", "seconds", "verdict");
        boolean passed = true;
        for (Result result : results) {
            passed &= result.passed();
            Counts c = result.counts();
            if (c == null) {
                System.out.printf(Locale.ROOT, "%-18s ERROR: %s%n", result.fault().id(), result.problem());
                continue;
            }
            System.out.printf(Locale.ROOT, "%-18s %8d %8d %9d %10d %6d %15s %8d  %s%s%n", result.fault().id(),
                    c.accepted(), c.stored(), c.delivered(), c.duplicated(), c.lost(),
                    c.notificationsPresent() + "/" + c.notificationsExpected(), result.took().toSeconds(),
                    result.passed() ? "PASSED" : "FAILED", result.problem() == null ? "" : ": " + result.problem());
        }
        System.out.println(passed ? "PASSED: nothing lost, nothing doubled, every notification present"
                : "FAILED: see the counts above");
        System.exit(passed ? 0 : 1);
    }

    private static Result run(Fault fault, Options options) {
        System.out.printf(Locale.ROOT, "%n== %s: %s%n", fault.id(), fault.description());
        long start = System.nanoTime();
        try (FaultRun run = new FaultRun(fault, options)) {
            Counts counts = run.run();
            Result result = new Result(fault, counts, run.incomplete(), Duration.ofNanos(System.nanoTime() - start));
            System.out.printf(Locale.ROOT, "%s: %s, %d s: %s%s%n", fault.id(), counts.line(), result.took().toSeconds(),
                    result.passed() ? "PASSED" : "FAILED", run.incomplete() == null ? "" : " (" + run.incomplete() + ")");
            return result;
        } catch (Exception e) {
            e.printStackTrace(System.out);
            System.out.printf(Locale.ROOT, "%s: ERROR %s%n", fault.id(), e);
            return new Result(fault, null, e.toString(), Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
