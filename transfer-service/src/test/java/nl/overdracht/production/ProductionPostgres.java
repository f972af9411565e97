package nl.overdracht.production;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import nl.overdracht.production.DatabaseBootstrap.Credentials;
import nl.overdracht.production.DatabaseBootstrap.Roles;

/**
 * A PostgreSQL server of its own for the tests of the production build, set up as a deployment's
 * is ({@link DatabaseBootstrap}): the owner role runs the migrations, the service connects as the
 * application role, and every role logs in with a password (SCRAM) over 127.0.0.1, the only address
 * the server listens on. The superuser is for the tests' own look into the database.
 */
final class ProductionPostgres implements AutoCloseable {

    private static final String SUPERUSER = "postgres";
    private static final String HOST = "127.0.0.1";

    private final EmbeddedPostgres server;
    private final Credentials superuser;
    private final Roles roles;

    private ProductionPostgres(EmbeddedPostgres server, Credentials superuser, Roles roles) {
        this.server = server;
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
            Credentials superuser = new Credentials(SUPERUSER, DatabaseBootstrap.secret());
            String superuserUrl = "jdbc:postgresql://" + HOST + ":" + server.getPort() + "/postgres";
            try (Connection connection = DriverManager.getConnection(superuserUrl, SUPERUSER, "");
                    Statement sql = connection.createStatement()) {
                sql.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + superuser.password() + "'");
            }
            Roles roles = DatabaseBootstrap.create(superuserUrl, superuser.user(), superuser.password());
            requirePasswords(superuserUrl, superuser);
            return new ProductionPostgres(server, superuser, roles);
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
        return "jdbc:postgresql://" + HOST + ":" + server.getPort() + "/" + DatabaseBootstrap.DATABASE;
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

    @Override
    public void close() {
        close(server);
    }

    private static void close(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // the test run is ending; the server's own shutdown is best effort
        }
    }
}
