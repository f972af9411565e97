package nl.overdracht.production;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.overdracht.embedded.DatabaseRoles;
import nl.overdracht.embedded.FrozenProcesses;
import org.awaitility.Awaitility;

/**
 * A PostgreSQL server of its own for the tests of the production build, set up as a deployment's
 * is: the DBA's script ({@link DatabaseRoles}) makes database {@value DatabaseRoles#DATABASE}, its
 * owner role, which runs the migrations, and the application role the service connects as; each
 * role gets a random password, and from then on every role logs in with its password (SCRAM) over
 * 127.0.0.1, the only address the server listens on. The superuser is for the tests' own look into
 * the database.
 */
final class ProductionPostgres implements AutoCloseable {

    private static final String SUPERUSER = "postgres";
    private static final String HOST = "127.0.0.1";
    /** One argument of the command line in {@code postmaster.opts}, each in double quotes. */
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private final EmbeddedPostgres server;
    private final Path dataDirectory;
    /** The server {@link #start()} started again, if it did. */
    private Process restarted;
    /** The server's processes while it is frozen, else null. */
    private FrozenProcesses frozen;
    private final Credentials superuser;
    private final Roles roles;

    /** A role and its password. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + ", password=***]";
        }
    }

    /** The owner role and the application role, with the passwords they were given. */
    record Roles(Credentials owner, Credentials app) {
    }

    private ProductionPostgres(EmbeddedPostgres server, Path dataDirectory, Credentials superuser, Roles roles) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.superuser = superuser;
        this.roles = roles;
    }

    /** Starts a server on a fresh {@code dataDirectory}, creates the roles and the database, then requires passwords. */
    static ProductionPostgres start(Path dataDirectory) {
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", HOST)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
        try {
            Credentials superuser = new Credentials(SUPERUSER, secret());
            String superuserUrl = "jdbc:postgresql://" + HOST + ":" + server.getPort() + "/postgres";
            DatabaseRoles.create(superuserUrl, SUPERUSER, "");
            Roles roles = new Roles(new Credentials(DatabaseRoles.OWNER, secret()),
                    new Credentials(DatabaseRoles.APP, secret()));
            try (Connection connection = DriverManager.getConnection(superuserUrl, SUPERUSER, "");
                    Statement sql = connection.createStatement()) {
                for (Credentials role : List.of(superuser, roles.owner(), roles.app())) {
                    sql.execute("ALTER ROLE " + role.user() + " PASSWORD '" + role.password() + "'");
                }
            }
            requirePasswords(superuserUrl, superuser);
            return new ProductionPostgres(server, dataDirectory, superuser, roles);
        } catch (SQLException | RuntimeException e) {
            close(server);
            throw new IllegalStateException("could not set up PostgreSQL for the production build's tests", e);
        }
    }

    /** Replaces the trusting {@code pg_hba.conf} of a fresh server: from now on every role gives its password. */
    private static void requirePasswords(String superuserUrl, Credentials superuser) throws SQLException {
        try (Connection connection = DriverManager.getConnection(superuserUrl, superuser.user(), superuser.password());
                Statement sql = connection.createStatement()) {
            try (ResultSet hba = sql.executeQuery("SHOW hba_file")) {
                hba.next();
                Files.writeString(Path.of(hba.getString(1)), "host all all " + HOST + "/32 scram-sha-256\n");
            } catch (IOException e) {
                throw new UncheckedIOException("could not require passwords", e);
            }
            sql.execute("SELECT pg_reload_conf()");
        }
    }

    /** The JDBC URL of the service's database. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + server.getPort() + "/" + DatabaseRoles.DATABASE;
    }

    /** The same database for the reactive client. */
    String reactiveUrl() {
        return jdbcUrl().substring("jdbc:".length());
    }

    Roles roles() {
        return roles;
    }

    /** A connection to the service's database as the superuser, for the tests' own look into it. */
    Connection superuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), superuser.user(), superuser.password());
    }

    /** A connection to the service's database as {@code credentials}. */
    Connection as(Credentials credentials) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), credentials.user(), credentials.password());
    }

    /** Every password here (random per start), for the tests that check nothing shows them. */
    List<String> passwords() {
        return List.of(superuser.password(), roles.owner().password(), roles.app().password());
    }

    /**
     * Stops the server as an administrator would (a fast shutdown, {@code SIGINT} to the postmaster:
     * sessions are ended, connections refused from then on); {@link #start()} starts it again on the
     * same port and data.
     */
    void stop() {
        ProcessHandle postmaster = postmaster();
        run(List.of("kill", "-INT", Long.toString(postmaster.pid())));
        try {
            postmaster.onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not stop", e);
        }
    }

    /**
     * Starts the server {@link #stop()} stopped, with the command line it last ran with
     * ({@code postmaster.opts}); returns once it accepts connections.
     */
    void start() {
        try {
            // the binary, then each argument in double quotes; as root, in a user namespace of its own
            // (unshare -U), as the embedded server's library starts it: PostgreSQL refuses to run as root
            String options = Files.readString(dataDirectory.resolve("postmaster.opts")).trim();
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("unshare", "-U"));
            }
            command.add(options.substring(0, options.indexOf(' ')));
            Matcher argument = QUOTED.matcher(options.substring(options.indexOf(' ')));
            while (argument.find()) {
                command.add(argument.group(1));
            }
            restarted = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dataDirectory.resolveSibling("postgresql-restarted.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start again", e);
        }
        Awaitility.await("PostgreSQL accepting connections").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                    try (Connection connection = superuser()) {
                        return connection.isValid(5);
                    }
                });
    }

    /**
     * Freezes the server ({@code SIGSTOP} to the postmaster and every backend): connections stay
     * open and the kernel still takes what is sent, but nothing answers until {@link #thaw()}.
     */
    synchronized void freeze() {
        frozen = FrozenProcesses.freeze(postmaster());
    }

    /** Lets the frozen server go on; nothing happens when it is not frozen. */
    synchronized void thaw() {
        if (frozen != null) {
            frozen.thaw();
            frozen = null;
        }
    }

    /** The running postmaster, from the first line of {@code postmaster.pid}. */
    private ProcessHandle postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not running in " + dataDirectory, e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        thaw();
        if (restarted != null && restarted.isAlive()) {
            stop();
        }
        close(server);
    }

    /** 24 random bytes, base64url: nothing to quote in SQL or a properties file. */
    static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void close(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // the test run is ending; the server's own shutdown is best effort
        }
    }
}
