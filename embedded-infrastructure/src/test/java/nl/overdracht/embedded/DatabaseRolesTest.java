package nl.overdracht.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database and roles script on a PostgreSQL server of each test's own: what it makes, that it
 * may run again, and that a data directory of the earlier layout (the schema in database
 * {@code postgres}, everything the superuser's) keeps its rows, which the application role reads.
 */
class DatabaseRolesTest {

    @TempDir
    Path dataDirectory;

    @Test
    void a_fresh_server_gets_the_database_and_two_ordinary_login_roles_and_a_second_run_changes_nothing()
            throws Exception {
        try (EmbeddedPostgres server = start()) {
            String superuser = superuserUrl(server);

            String url = DatabaseRoles.create(superuser, "postgres", "postgres");
            DatabaseRoles.create(superuser, "postgres", "postgres");

            assertEquals(superuser.replace("/postgres", "/overdracht"), url);
            try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
                assertEquals("overdracht_owner", text(db, "SELECT pg_get_userbyid(datdba) FROM pg_database "
                        + "WHERE datname = 'overdracht'"));
                assertEquals("overdracht_owner", text(db, "SELECT nspowner::regrole::text FROM pg_namespace "
                        + "WHERE nspname = 'public'"));
                for (String role : List.of("overdracht_owner", "overdracht_app")) {
                    assertEquals("t f f f", text(db, "SELECT concat_ws(' ', rolcanlogin, rolsuper, rolcreatedb, "
                            + "rolcreaterole) FROM pg_roles WHERE rolname = '" + role + "'"), role);
                }
                assertEquals("f f", text(db, "SELECT concat_ws(' ', has_schema_privilege('overdracht_app', 'public', "
                        + "'CREATE'), has_database_privilege('overdracht_app', 'overdracht', 'CREATE'))"));
            }
        }
    }

    @Test
    void an_earlier_layout_is_adopted_whole_and_the_application_role_reads_its_rows_after_migrating()
            throws Exception {
        try (EmbeddedPostgres server = start()) {
            String superuser = superuserUrl(server);
            // the earlier layout: migrated into database postgres by the superuser, with a row accepted
            Flyway.configure().dataSource(superuser, "postgres", "postgres").locations("classpath:db/migration")
                    .target("11").load().migrate();
            try (Connection earlier = DriverManager.getConnection(superuser, "postgres", "postgres");
                    Statement sql = earlier.createStatement()) {
                sql.execute("INSERT INTO school (id, name, region, status, accepted_profiles, auth_enveloped, "
                        + "created_at, updated_at) VALUES ('00AA00', 'De Linde', 'noord', 'ACTIVE', '{}', false, now(), "
                        + "now())");
            }

            String url = DatabaseRoles.create(superuser, "postgres", "postgres");
            String latest = Flyway.configure().dataSource(url, DatabaseRoles.OWNER, "").locations("classpath:db/migration")
                    .load().migrate().targetSchemaVersion;

            try (Connection app = DriverManager.getConnection(url, DatabaseRoles.APP, "")) {
                assertEquals("De Linde", text(app, "SELECT name FROM school WHERE id = '00AA00'"));
                SQLException refused = assertThrows(SQLException.class,
                        () -> text(app, "SELECT count(*) FROM flyway_schema_history"));
                assertEquals("42501", refused.getSQLState(), "insufficient_privilege");
            }
            try (Connection owner = DriverManager.getConnection(url, DatabaseRoles.OWNER, "")) {
                assertEquals(latest, text(owner, "SELECT max(version::int)::text FROM flyway_schema_history WHERE success"));
                assertEquals(List.of(), column(owner, "SELECT c.relname FROM pg_class c WHERE c.relnamespace = "
                        + "'public'::regnamespace AND c.relkind IN ('r', 'S') AND c.relowner <> 'overdracht_owner'::regrole "
                        + "UNION ALL SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace "
                        + "AND p.proowner <> 'overdracht_owner'::regrole"));
            }
            try (Connection maintenance = DriverManager.getConnection(superuser, "postgres", "postgres")) {
                assertFalse(Boolean.parseBoolean(text(maintenance,
                        "SELECT (to_regclass('public.flyway_schema_history') IS NOT NULL)::text")),
                        "a fresh, empty database postgres took the place of the earlier one");
            }
        }
    }

    @Test
    void a_jdbc_url_is_pointed_at_another_database_keeping_its_parameters() {
        assertEquals("jdbc:postgresql://db.example:5432/overdracht?sslmode=verify-full",
                DatabaseRoles.withDatabase("jdbc:postgresql://db.example:5432/postgres?sslmode=verify-full", "overdracht"));
    }

    private EmbeddedPostgres start() throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", EmbeddedPostgres17.HOST).start();
    }

    private static String superuserUrl(EmbeddedPostgres server) {
        return EmbeddedPostgres17.superuserJdbcUrl(server.getPort());
    }

    private static String text(Connection connection, String query) throws SQLException {
        List<String> values = column(connection, query);
        assertEquals(1, values.size(), query);
        return values.get(0);
    }

    private static List<String> column(Connection connection, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
