package nl.overdracht.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server that its owner stops, freezes and restarts at will, for a suite that runs
 * the service against a database outside it and takes that database away: the embedded server's
 * settings ({@link EmbeddedPostgres17#builder}: durable commits, 127.0.0.1 only), its port fixed for
 * its life and its data directory kept across a restart, with the service's database and roles
 * made by the DBA's script ({@link DatabaseRoles}). Like the embedded server it trusts local
 * connections, so no password is checked. Not thread-safe.
 */
public final class StandalonePostgres implements AutoCloseable {

    /** The superuser initdb made, for the owner's own look into the database. */
    public static final String SUPERUSER = EmbeddedPostgres17.SUPERUSER;

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;
    /** The server's processes while it is frozen, else null. */
    private FrozenProcesses frozen;

    private StandalonePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Starts a server on a fresh {@code dataDirectory} (wiped first) on a free port and makes the database and roles. */
    public static StandalonePostgres start(Path dataDirectory) {
        Directories.deleteRecursively(dataDirectory);
        OwnerOnly.directory(dataDirectory);
        try {
            StandalonePostgres postgres = new StandalonePostgres(dataDirectory, Loopback.freePort());
            postgres.restart();
            DatabaseRoles.create(EmbeddedPostgres17.superuserJdbcUrl(postgres.port), SUPERUSER, SUPERUSER);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /** The JDBC URL of the service's database, the same across restarts. */
    public String jdbcUrl() {
        return DatabaseRoles.withDatabase(EmbeddedPostgres17.superuserJdbcUrl(port), DatabaseRoles.DATABASE);
    }

    /** A connection to the service's database as the superuser. */
    public Connection superuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, SUPERUSER);
    }

    /**
     * Stops the server (PostgreSQL's fast shutdown: open transactions are rolled back, connections
     * cut); from then on a connection is refused. Nothing happens when it is stopped already.
     */
    public void stop() {
        thaw();
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not stop in " + dataDirectory, e);
            }
            server = null;
        }
    }

    /** Starts the stopped server again on its data directory and its port; returns once it accepts connections. */
    public void restart() {
        if (server == null) {
            try {
                server = EmbeddedPostgres17.builder(dataDirectory, port).start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not restart in " + dataDirectory, e);
            }
        }
    }

    /**
     * Freezes the server: SIGSTOP to the postmaster and every process it started (backends, the
     * WAL writer, the checkpointer). Connections stay open and new ones are accepted by the kernel,
     * but nothing answers until {@link #thaw()}: a database that hangs rather than refuses.
     * Answers how many processes were stopped.
     */
    public int freeze() {
        try {
            frozen = FrozenProcesses.freeze(EmbeddedPostgres17.runningServer(dataDirectory)
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL runs on " + dataDirectory)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frozen.count();
    }

    /** Lets a frozen server go on (SIGCONT to every process {@link #freeze()} stopped). */
    public void thaw() {
        if (frozen != null) {
            frozen.thaw();
            frozen = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "StandalonePostgres[" + EmbeddedPostgres17.HOST + ":" + port + "]";
    }
}
