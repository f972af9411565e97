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
import nl.overdracht.embedded.DatabaseRoles;

/** What the benchmarks and the crash check share: pupils, free ports, the database, counting rows. */
final class BenchmarkSupport {

    private BenchmarkSupport() {
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
