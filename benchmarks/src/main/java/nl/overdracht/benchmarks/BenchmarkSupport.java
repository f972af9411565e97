package nl.overdracht.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import nl.overdracht.embedded.DatabaseRoles;

/** What the benchmarks, the crash check and the fault suite share: pupils, free ports, the database, counting rows, load. */
final class BenchmarkSupport {

    /** One unit of load: whatever is done for the {@code i}th pupil. */
    @FunctionalInterface
    interface Task {
        void run(int i) throws Exception;
    }

    private BenchmarkSupport() {
    }

    /**
     * Runs {@code task} for each of {@code indices} on {@code threads} threads, each taking the next
     * index when done with one (so {@code threads} requests are in flight); returns when all are done,
     * throwing the first failure.
     */
    static void inParallel(int threads, List<Integer> indices, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int at = next.getAndIncrement(); at < indices.size(); at = next.getAndIncrement()) {
                        task.run(indices.get(at));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** 0, 1, …, {@code n - 1}. */
    static List<Integer> indices(int n) {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    /** {@code count} distinct BSNs that pass the eleven-test, the first built from the eight digits {@code firstPrefix}. */
    static List<String> bsns(int firstPrefix, int count) {
        List<String> out = new ArrayList<>(count);
        for (int prefix = firstPrefix; out.size() < count; prefix++) {
            String eight = Integer.toString(prefix);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (eight.charAt(i) - '0') * (9 - i);
            }
            if (sum % 11 < 10) {
                out.add(eight + sum % 11);
            }
        }
        return out;
    }

    /**
     * {@code count} distinct rijksregisternummers that pass the mod-97 test, of pupils born in March 2015
     * (the date is digits 3 to 6: {@code 1503DD}); at most 28 × 997.
     */
    static List<String> rijksregisternummers(int count) {
        List<String> out = new ArrayList<>(count);
        for (int day = 1; day <= 28 && out.size() < count; day++) {
            for (int serial = 1; serial <= 997 && out.size() < count; serial++) {
                String nine = String.format(Locale.ROOT, "1503%02d%03d", day, serial);
                out.add(nine + String.format(Locale.ROOT, "%02d", 97 - Long.parseLong("2" + nine) % 97));
            }
        }
        if (out.size() < count) {
            throw new IllegalArgumentException("at most " + out.size() + " rijksregisternummers, not " + count);
        }
        return out;
    }

    /** The JDBC URL of the embedded run's database, its PostgreSQL on {@code port}. */
    static String databaseUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DatabaseRoles.DATABASE;
    }

    /**
     * A connection to {@code jdbcUrl} as the service's own role, which reads every table the counts
     * need; the embedded PostgreSQL trusts local connections, so no password is checked.
     */
    static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, DatabaseRoles.APP, "");
    }

    /** The single number {@code sql} answers. */
    static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
