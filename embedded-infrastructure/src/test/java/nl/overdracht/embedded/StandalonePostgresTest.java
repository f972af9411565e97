package nl.overdracht.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault suite's PostgreSQL refuses while stopped, hangs while frozen, and keeps every commit across both. */
class StandalonePostgresTest {

    @TempDir
    static Path directory;

    private static StandalonePostgres postgres;

    @BeforeAll
    static void start() throws SQLException {
        postgres = StandalonePostgres.start(directory.resolve("postgresql"));
        try (Connection db = postgres.superuser(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE kept (value INT)");
            sql.execute("INSERT INTO kept VALUES (7)");
        }
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void a_stopped_server_refuses_connections_and_a_restarted_one_has_every_commit() throws SQLException {
        // Given the server is stopped
        postgres.stop();
        try {
            // When a client connects, Then it is refused
            assertThrows(SQLException.class, () -> DriverManager.getConnection(postgres.jdbcUrl(), withTimeouts()).close());
        } finally {
            postgres.restart();
        }
        // And after the restart, on the same address, the commit is there
        assertEquals(7, kept(DriverManager.getConnection(postgres.jdbcUrl(), withTimeouts())));
    }

    @Test
    void a_frozen_server_answers_nothing_until_it_is_thawed() throws SQLException {
        // Given an open connection, and the server frozen
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), withTimeouts())) {
            postgres.freeze();
            try {
                // When the connection asks, Then no answer comes before the client's timeout
                assertThrows(SQLException.class, () -> kept(db));
            } finally {
                postgres.thaw();
            }
        }
        // And once thawed it answers again
        assertEquals(7, kept(DriverManager.getConnection(postgres.jdbcUrl(), withTimeouts())));
    }

    /** The superuser, with a 2 s limit on connecting and on each answer. */
    private static Properties withTimeouts() {
        Properties properties = new Properties();
        properties.setProperty("user", StandalonePostgres.SUPERUSER);
        properties.setProperty("password", StandalonePostgres.SUPERUSER);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "2");
        properties.setProperty("socketTimeout", "2");
        return properties;
    }

    private static int kept(Connection db) throws SQLException {
        try (db; Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery("SELECT value FROM kept")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
