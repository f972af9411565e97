package nl.overdracht.audit;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import nl.overdracht.testing.Superuser;

/** Test helpers on the shared embedded database. The chain is global: tests find their entries by dossier id. */
final class AuditFixtures {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private AuditFixtures() {
    }

    static AuditRecord record(AuditAction action, UUID dossier, String school, String outcome) {
        return new AuditRecord(action, new AuditActor("user@" + school, "sending-school", school, null), dossier,
                outcome, null);
    }

    /** Appends the records, each in its own transaction, and chains them. */
    static void appendAndDrain(AuditLog audit, AuditRecord... records) {
        for (AuditRecord record : records) {
            audit.append(record).await().atMost(WAIT);
        }
        audit.drain().await().atMost(WAIT);
    }

    static List<AuditEntry> entriesOf(Pool pool, UUID dossier) {
        List<AuditEntry> entries = new ArrayList<>();
        pool.preparedQuery("SELECT " + AuditRepository.ENTRY_COLUMNS + " FROM audit_entry WHERE dossier_id = $1 ORDER BY seq")
                .execute(Tuple.of(dossier)).await().atMost(WAIT)
                .forEach(row -> entries.add(AuditRepository.entry(row)));
        return entries;
    }

    /** Polls (draining the chain each time) until an entry matching {@code test} is chained; fails after 10 s. */
    static AuditEntry awaitEntry(Pool pool, AuditLog audit, String where, Tuple params, Predicate<AuditEntry> test) {
        return org.awaitility.Awaitility.await("an audit entry where " + where).atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> {
                    audit.drain().await().atMost(WAIT);
                    for (Row row : pool.preparedQuery("SELECT " + AuditRepository.ENTRY_COLUMNS + " FROM audit_entry WHERE "
                            + where + " ORDER BY seq DESC LIMIT 50").execute(params).await().atMost(WAIT)) {
                        AuditEntry entry = AuditRepository.entry(row);
                        if (test.test(entry)) {
                            return entry;
                        }
                    }
                    return null;
                }, java.util.Objects::nonNull);
    }

    /**
     * Runs {@code sql} on audit_entry as the superuser, the one role that can: triggers off, change,
     * triggers on. The service's own role can do none of it.
     */
    static void tamper(String sql, Tuple params) {
        Superuser.pool().withTransaction(tx -> tx.query("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
                .execute()
                .flatMap(ignored -> tx.preparedQuery(sql).execute(params))
                .flatMap(ignored -> tx.query("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only").execute())
                .replaceWithVoid()).await().atMost(WAIT);
    }

    /** Puts a tampered or deleted entry back exactly as it was chained, as the superuser. */
    static void restore(AuditEntry entry) {
        tamper("DELETE FROM audit_entry WHERE seq = $1", Tuple.of(entry.seq()));
        Superuser.pool().preparedQuery("INSERT INTO audit_entry (" + AuditRepository.ENTRY_COLUMNS
                        + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .execute(AuditRepository.entryTuple(entry))
                .await().atMost(WAIT);
    }

    /** A dossier row with just the columns V2 requires. */
    static UUID insertDossier(Pool pool, String sendingSchool, String receivingSchool) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        pool.preparedQuery("INSERT INTO dossier (id, profile_id, profile_version, sending_school, receiving_school, "
                        + "state, revision, pupil_index, content_sha256, created_at, updated_at, expires_at) "
                        + "VALUES ($1, 'po-test', '1', $2, $3, 'OBJECTION_WINDOW', 1, $4, $5, $6, $6, $7)")
                .execute(Tuple.from(List.of(id, sendingSchool, receivingSchool,
                        Buffer.buffer(new byte[32]), Buffer.buffer(new byte[32]),
                        now, now.plusDays(30))))
                .await().atMost(WAIT);
        return id;
    }
}
