package nl.overdracht.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/** What PostgreSQL's catalog says about the role a connection works as. */
final class DatabaseRoleRepository {

    /*
     * session_user is the role the pool logged in as, current_user the one it acts as (the same unless
     * the role's settings switch it); either being a superuser counts. Membership in the tables' owner
     * covers the owner itself.
     */
    private static final String ROLE = "SELECT session_user::text AS role, "
            + "EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname IN (session_user, current_user) AND r.rolsuper) "
            + "AS superuser, (SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c "
            + "WHERE c.oid IN (to_regclass('audit_entry'), to_regclass('audit_checkpoint')) "
            + "AND (pg_has_role(session_user, c.relowner, 'MEMBER') OR pg_has_role(current_user, c.relowner, 'MEMBER'))) "
            + "AS owned";

    /**
     * The connection's role; whether it is a superuser; the audit tables it owns or is a member of
     * the owner of (comma-separated, or null when none).
     */
    record ConnectedRole(String name, boolean superuser, String ownedAuditTables) {
    }

    private DatabaseRoleRepository() {
    }

    static Uni<ConnectedRole> connectedRole(SqlClient client) {
        return client.query(ROLE).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new ConnectedRole(row.getString("role"), row.getBoolean("superuser"), row.getString("owned"));
        });
    }
}
