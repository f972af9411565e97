package nl.overdracht.production;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * What a deployment creates on its PostgreSQL before Overdracht first starts, given a superuser:
 * role {@value #OWNER}, which runs the migrations and owns what they create; role {@value #APP},
 * which the service connects as; and database {@value #DATABASE}, owned by the owner. Neither role
 * is a superuser or may create roles or databases. The application role may read and write the
 * owner's tables and use its sequences, nothing else (no DDL, no TRUNCATE); the migrations narrow
 * that further where they must (the audit tables are append-only).
 */
final class DatabaseBootstrap {

    static final String DATABASE = "overdracht";
    static final String OWNER = "overdracht_owner";
    static final String APP = "overdracht_app";

    /** A role and its password. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + ", password=***]";
        }
    }

    /** The two roles, with the passwords they were given. */
    record Roles(Credentials owner, Credentials app) {
    }

    private DatabaseBootstrap() {
    }

    /**
     * Creates both roles with random passwords and the database on the server {@code superuserUrl}
     * (a JDBC URL of any database there) reaches as {@code user}.
     */
    static Roles create(String superuserUrl, String user, String password) throws SQLException {
        Credentials owner = new Credentials(OWNER, secret());
        Credentials app = new Credentials(APP, secret());
        try (Connection connection = DriverManager.getConnection(superuserUrl, user, password);
                Statement sql = connection.createStatement()) {
            sql.execute(createRole(owner));
            sql.execute(createRole(app));
            sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
        }
        String databaseUrl = superuserUrl.substring(0, superuserUrl.lastIndexOf('/') + 1) + DATABASE;
        try (Connection connection = DriverManager.getConnection(databaseUrl, user, password);
                Statement sql = connection.createStatement()) {
            sql.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
            sql.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + DATABASE + " TO " + APP);
            sql.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + OWNER + " IN SCHEMA public "
                    + "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + APP);
            sql.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + OWNER + " IN SCHEMA public "
                    + "GRANT USAGE, SELECT ON SEQUENCES TO " + APP);
        }
        return new Roles(owner, app);
    }

    private static String createRole(Credentials role) {
        return "CREATE ROLE " + role.user() + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
                + role.password() + "'";
    }

    /** 24 random bytes, base64url: nothing to quote in SQL or a properties file. */
    static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
