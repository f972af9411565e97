package nl.overdracht.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Overdracht's database and its two roles on a PostgreSQL server, made by the DBA's own script,
 * {@value #SCRIPT} of the schema module: {@value #OWNER} owns database {@value #DATABASE} and its
 * objects and runs the migrations; {@value #APP} is what the service connects as. The embedded run
 * applies it at start; a test suite with a PostgreSQL of its own can apply it the same way.
 *
 * <p>The roles get no password: the embedded server trusts local connections. A server that asks
 * for passwords needs them set as the script says ({@code \password}).
 */
public final class DatabaseRoles {

    /** The database the service's schema lives in. */
    public static final String DATABASE = "overdracht";
    /** Owns the database and its objects; the migrations run as this role ({@code quarkus.flyway.username}). */
    public static final String OWNER = "overdracht_owner";
    /** Every request and job runs as this role ({@code quarkus.datasource.username}). */
    public static final String APP = "overdracht_app";
    /** The script, a class-path resource of the schema module and a file a DBA runs with psql. */
    public static final String SCRIPT = "db/postgres-roles.sql";

    /** An earlier layout's maintenance database, where its schema lived. */
    static final String EARLIER_DATABASE = "postgres";
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?");
    private static final Logger LOG = Logger.getLogger(DatabaseRoles.class);

    private DatabaseRoles() {
    }

    /**
     * Makes database {@value #DATABASE} and roles {@value #OWNER} and {@value #APP} on the server
     * {@code superuserJdbcUrl} points at, keeping whatever of them exists; answers the JDBC URL of
     * {@value #DATABASE} on that server.
     *
     * <p>An earlier layout is adopted first: when there is no database {@value #DATABASE} yet and
     * database {@value #EARLIER_DATABASE} holds a migrated schema ({@code flyway_schema_history}),
     * as versions before the two roles left it, that database is renamed {@value #DATABASE} (an
     * empty {@value #EARLIER_DATABASE} takes its place) and the script then makes {@value #OWNER}
     * the owner of everything in it, so the data it holds is kept.
     *
     * @param superuserJdbcUrl the server's JDBC URL, naming the database the script starts in (such
     *        as {@code postgres})
     * @param user a superuser, or a role with CREATEROLE and CREATEDB that may act for both roles
     * @param password its password
     */
    public static String create(String superuserJdbcUrl, String user, String password) {
        try {
            adoptEarlierLayout(superuserJdbcUrl, user, password);
            apply(script(), superuserJdbcUrl, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("the database roles could not be made on " + serverOf(superuserJdbcUrl)
                    + ": " + e.getMessage(), e);
        }
        return withDatabase(superuserJdbcUrl, DATABASE);
    }

    /** {@code jdbcUrl} naming {@code database} instead of the database it names. */
    static String withDatabase(String jdbcUrl, String database) {
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + serverOf(jdbcUrl));
        }
        return url.group(1) + database + (url.group(3) == null ? "" : url.group(3));
    }

    private static void adoptEarlierLayout(String superuserJdbcUrl, String user, String password) throws SQLException {
        try (Connection template = DriverManager.getConnection(withDatabase(superuserJdbcUrl, "template1"), user, password);
                Statement sql = template.createStatement()) {
            if (exists(sql, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")
                    || !exists(sql, "SELECT 1 FROM pg_database WHERE datname = '" + EARLIER_DATABASE + "'")) {
                return;
            }
            try (Connection earlier = DriverManager.getConnection(withDatabase(superuserJdbcUrl, EARLIER_DATABASE), user,
                    password); Statement probe = earlier.createStatement()) {
                if (!exists(probe, "SELECT 1 WHERE to_regclass('public.flyway_schema_history') IS NOT NULL")) {
                    return;
                }
            }
            LOG.infof("Adopting the earlier layout: database %s becomes %s, owned by %s", EARLIER_DATABASE, DATABASE,
                    OWNER);
            sql.execute("ALTER DATABASE " + EARLIER_DATABASE + " RENAME TO " + DATABASE);
            sql.execute("CREATE DATABASE " + EARLIER_DATABASE);
        }
    }

    private static boolean exists(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            return rows.next();
        }
    }

    /**
     * Runs {@code script} as psql would, statement by statement in autocommit: a statement ends with
     * a semicolon at the end of a line outside a dollar-quoted body; {@code \gexec} ends a query
     * whose every value is then run as a statement; {@code \connect NAME} goes on in database NAME.
     */
    static void apply(String script, String jdbcUrl, String user, String password) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        try {
            StringBuilder statement = new StringBuilder();
            for (String line : script.split("\n", -1)) {
                String trimmed = line.strip();
                if (statement.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
                    continue;
                }
                if (trimmed.startsWith("\\connect ")) {
                    connection.close();
                    connection = DriverManager.getConnection(
                            withDatabase(jdbcUrl, trimmed.substring("\\connect ".length()).strip()), user, password);
                } else if (trimmed.endsWith("\\gexec")) {
                    statement.append(line, 0, line.lastIndexOf("\\gexec"));
                    gexec(connection, statement.toString());
                    statement.setLength(0);
                } else {
                    statement.append(line).append('\n');
                    if (trimmed.endsWith(";") && dollarQuotesClosed(statement)) {
                        try (Statement sql = connection.createStatement()) {
                            sql.execute(statement.toString());
                        }
                        statement.setLength(0);
                    }
                }
            }
            if (!statement.toString().isBlank()) {
                throw new IllegalArgumentException("the script ends inside a statement: " + statement);
            }
        } finally {
            connection.close();
        }
    }

    private static void gexec(Connection connection, String query) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    if (rows.getString(column) != null) {
                        statements.add(rows.getString(column));
                    }
                }
            }
        }
        for (String statement : statements) {
            try (Statement sql = connection.createStatement()) {
                sql.execute(statement);
            }
        }
    }

    private static boolean dollarQuotesClosed(CharSequence statement) {
        int quotes = 0;
        for (int at = statement.toString().indexOf("$$"); at >= 0; at = statement.toString().indexOf("$$", at + 2)) {
            quotes++;
        }
        return quotes % 2 == 0;
    }

    static String script() {
        try (InputStream in = DatabaseRoles.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not on the class path (the schema module holds it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server part of a JDBC URL, for messages: no database, no parameters (which may hold a password). */
    private static String serverOf(String jdbcUrl) {
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        return url.matches() ? url.group(1) : "the configured server";
    }
}
