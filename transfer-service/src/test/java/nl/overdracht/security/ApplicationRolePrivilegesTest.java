package nl.overdracht.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What the service's own role, {@code overdracht_app}, may do in the database: per table exactly the
 * grants of migration V12, the audit log append-only, no DDL. Every statement here runs through the
 * service's pool, as the service does.
 */
@QuarkusTest
class ApplicationRolePrivilegesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    /**
     * The grants, table by table: every table in schema public is listed, so a table added without a
     * deliberate grant (or a grant that widens) fails here.
     */
    private static final Map<String, String> GRANTS = new TreeMap<>(Map.ofEntries(
            Map.entry("audit_checkpoint", "SELECT, INSERT"),
            Map.entry("audit_entry", "SELECT, INSERT"),
            Map.entry("audit_pending", "SELECT, INSERT, DELETE"),
            Map.entry("career_feedback_expected", "SELECT, INSERT, UPDATE, DELETE"),
            Map.entry("career_outcome", "SELECT, INSERT, UPDATE"),
            Map.entry("career_outcome_code", "SELECT"),
            Map.entry("delivery_package", "SELECT, INSERT, UPDATE, DELETE"),
            Map.entry("dossier", "SELECT, INSERT, UPDATE"),
            Map.entry("dossier_revision", "SELECT, INSERT, UPDATE"),
            Map.entry("enrolment", "SELECT, INSERT, UPDATE"),
            Map.entry("flyway_schema_history", ""),
            Map.entry("handover", "SELECT, INSERT, UPDATE, DELETE"),
            Map.entry("idempotency_key", "SELECT, INSERT, DELETE"),
            Map.entry("inspection", "SELECT, INSERT, UPDATE"),
            Map.entry("objection", "SELECT, INSERT, UPDATE"),
            Map.entry("outbox_event", "SELECT, INSERT, UPDATE, DELETE"),
            Map.entry("processed_event", "SELECT, INSERT, DELETE"),
            Map.entry("school", "SELECT, INSERT, UPDATE"),
            Map.entry("school_certificate", "SELECT, INSERT, UPDATE"),
            Map.entry("school_notification", "SELECT, INSERT"),
            Map.entry("webhook_delivery", "SELECT, INSERT, UPDATE, DELETE"),
            Map.entry("webhook_endpoint", "SELECT, INSERT, UPDATE, DELETE")));

    @Inject
    Pool pool;

    @Test
    void each_table_grants_the_application_role_exactly_what_the_service_does() {
        // Given every table in schema public, with what overdracht_app may do to it
        Map<String, String> granted = new TreeMap<>();
        for (Row row : rows("SELECT c.relname AS name, concat_ws(', ', "
                + privilege("SELECT") + ", " + privilege("INSERT") + ", " + privilege("UPDATE") + ", "
                + privilege("DELETE") + ", " + privilege("TRUNCATE") + ", " + privilege("REFERENCES") + ", "
                + privilege("TRIGGER") + ") AS granted FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace "
                + "AND c.relkind IN ('r', 'p', 'v', 'm', 'f')")) {
            granted.put(row.getString("name"), row.getString("granted"));
        }

        // Then it is the matrix, table for table
        assertThat(granted).as("overdracht_app's grants per table (a new table needs its grant in a migration "
                + "and its row here)").containsExactlyEntriesOf(GRANTS);
    }

    @Test
    void the_application_role_has_no_privilege_on_any_sequence() {
        List<String> sequences = names("SELECT c.relname AS name FROM pg_class c "
                + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' "
                + "AND (has_sequence_privilege(c.oid, 'USAGE') OR has_sequence_privilege(c.oid, 'SELECT') "
                + "OR has_sequence_privilege(c.oid, 'UPDATE'))");

        assertThat(sequences).isEmpty();
    }

    @Test
    void the_application_role_cannot_update_delete_or_truncate_the_audit_log() {
        assertRefused("UPDATE audit_entry SET outcome = 'changed'", "permission denied for table audit_entry");
        assertRefused("DELETE FROM audit_entry", "permission denied for table audit_entry");
        assertRefused("TRUNCATE audit_entry", "permission denied for table audit_entry");
        assertRefused("UPDATE audit_checkpoint SET algorithm = 'changed'", "permission denied for table audit_checkpoint");
        assertRefused("DELETE FROM audit_checkpoint", "permission denied for table audit_checkpoint");
        assertRefused("TRUNCATE audit_checkpoint", "permission denied for table audit_checkpoint");
    }

    @Test
    void the_application_role_cannot_disable_the_audit_triggers_or_alter_the_audit_tables() {
        assertRefused("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only", "must be owner of table audit_entry");
        assertRefused("ALTER TABLE audit_checkpoint DISABLE TRIGGER ALL", "must be owner of table audit_checkpoint");
        assertRefused("ALTER TABLE audit_entry ADD COLUMN note TEXT", "must be owner of table audit_entry");
        assertRefused("DROP TRIGGER audit_entry_no_truncate ON audit_entry", "must be owner of relation audit_entry");
        assertRefused("CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql "
                + "AS $$ BEGIN RETURN NEW; END; $$", "permission denied for schema public");
    }

    @Test
    void the_application_role_cannot_create_or_drop_tables() {
        assertThat(names("SELECT 'create-in-public' AS name WHERE has_schema_privilege('public', 'CREATE') "
                + "UNION ALL SELECT 'create-schema' WHERE has_database_privilege(current_database(), 'CREATE') "
                + "UNION ALL SELECT 'temporary' WHERE has_database_privilege(current_database(), 'TEMPORARY')")).isEmpty();
        assertRefused("CREATE TABLE scratch (id INT)", "permission denied for schema public");
        assertRefused("CREATE TEMPORARY TABLE scratch (id INT)", "permission denied to create temporary tables");
        assertRefused("DROP TABLE dossier", "must be owner of table dossier");
        assertRefused("TRUNCATE dossier", "permission denied for table dossier");
    }

    private void assertRefused(String statement, String message) {
        assertThatThrownBy(() -> pool.query(statement).execute().await().atMost(WAIT))
                .as(statement)
                .isInstanceOfSatisfying(PgException.class,
                        refusal -> assertThat(refusal.getSqlState()).as(statement).isEqualTo(INSUFFICIENT_PRIVILEGE))
                .hasMessageContaining(message);
    }

    private static String privilege(String privilege) {
        return "CASE WHEN has_table_privilege(c.oid, '" + privilege + "') THEN '" + privilege + "' END";
    }

    private List<String> names(String query) {
        List<String> names = new ArrayList<>();
        rows(query).forEach(row -> names.add(row.getString("name")));
        return names;
    }

    private List<Row> rows(String query) {
        List<Row> rows = new ArrayList<>();
        pool.query(query).execute().await().atMost(WAIT).forEach(rows::add);
        return rows;
    }
}
