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
import java.util.Base64;
import java.util.List;
import nl.overdracht.embedded.DatabaseRoles;

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

    private final EmbeddedPostgres server;
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

    @Override
    public void close() {
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
