package nl.overdracht.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What PostgreSQL says became of the dossiers the service accepted, as the crash check and the
 * fault suite count it. A dossier is accepted when its submission was answered 2xx; it should then
 * be stored once, reach DELIVERABLE with one delivery package, one PACKAGE event and one
 * PACKAGE_CREATED audit entry, and its sending school should hear of it exactly once per step
 * (notifications OBJECTION_WINDOW, RELEASED and DELIVERABLE, one per event it hears of).
 */
final class DeliveryLedger {

    /** The notification kinds a sending school gets for a dossier that goes the whole way with no objection. */
    static final String KINDS = "ARRAY['OBJECTION_WINDOW', 'RELEASED', 'DELIVERABLE']";
    static final int KINDS_PER_DOSSIER = 3;
    /** The events a sending school hears of. */
    static final String NOTIFIED = "payload->>'transition' NOT IN ('ACCEPT', 'REVISE', 'REPACKAGE')";
    private static final String MISSING_NOTIFICATIONS = "SELECT count(*) FROM outbox_event e WHERE " + NOTIFIED
            + " AND NOT EXISTS (SELECT 1 FROM school_notification s WHERE s.event_id = e.event_id)";
    private static final String PACKAGE_CREATED = "(SELECT dossier_id FROM audit_pending WHERE action = 'PACKAGE_CREATED' "
            + "UNION ALL SELECT dossier_id FROM audit_entry WHERE action = 'PACKAGE_CREATED')";

    /**
     * The figures. {@code stored}: accepted dossiers in the database; {@code delivered}: of those,
     * DELIVERABLE with a package; {@code duplicated}: dossiers, packages and notifications there more
     * than once; {@code lost}: accepted but not stored or not delivered, and events or notifications
     * that never came; {@code unanswered}: dossiers stored that no accepted answer names;
     * {@code detail}: each count the sums are made of.
     */
    record Counts(long accepted, long stored, long delivered, long duplicated, long lost, long unanswered,
            long notificationsPresent, long notificationsExpected, Map<String, Long> detail) {

        boolean passed() {
            return duplicated == 0 && lost == 0 && unanswered == 0 && notificationsPresent == notificationsExpected;
        }

        /** One line: the figures the fault suite reports. */
        String line() {
            return String.format(Locale.ROOT, "accepted %d, stored %d, delivered %d, duplicated %d, lost %d, "
                    + "notifications %d/%d", accepted, stored, delivered, duplicated, lost, notificationsPresent,
                    notificationsExpected);
        }
    }

    /** What is there more than once: a description, and the SQL that counts it. */
    private static final Map<String, String> DUPLICATES = ordered(
            "dossiers stored again for a pupil already stored", "SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) "
                    + "AS c FROM dossier GROUP BY sending_school, pupil_index HAVING count(*) > 1) twice",
            "dossiers with more than one PACKAGE event", "SELECT count(*) FROM (SELECT aggregate_id FROM outbox_event "
                    + "WHERE payload->>'transition' = 'PACKAGE' GROUP BY aggregate_id HAVING count(*) > 1) twice",
            "dossiers with more than one PACKAGE_CREATED audit entry", "SELECT count(*) FROM (SELECT dossier_id FROM "
                    + PACKAGE_CREATED + " a GROUP BY dossier_id HAVING count(*) > 1) twice",
            "events notified more than once", "SELECT count(*) FROM (SELECT event_id FROM school_notification "
                    + "GROUP BY event_id HAVING count(*) > 1) twice",
            "dossiers notified more than once of one kind", "SELECT count(*) FROM (SELECT dossier_id, kind FROM "
                    + "school_notification GROUP BY dossier_id, kind HAVING count(*) > 1) twice",
            "notifications without their event", "SELECT count(*) FROM school_notification s WHERE NOT EXISTS "
                    + "(SELECT 1 FROM outbox_event e WHERE e.event_id = s.event_id)");

    /** What never came, besides accepted dossiers not stored or not delivered. */
    private static final Map<String, String> LOSSES = ordered(
            "delivered dossiers without a PACKAGE event", "SELECT count(*) FROM dossier d WHERE d.state = 'DELIVERABLE' "
                    + "AND NOT EXISTS (SELECT 1 FROM outbox_event e WHERE e.aggregate_id = d.id "
                    + "AND e.payload->>'transition' = 'PACKAGE')",
            "delivered dossiers without a PACKAGE_CREATED audit entry", "SELECT count(*) FROM dossier d "
                    + "WHERE d.state = 'DELIVERABLE' AND d.id NOT IN (SELECT dossier_id FROM " + PACKAGE_CREATED
                    + " a WHERE dossier_id IS NOT NULL)",
            "outbox events never published", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL",
            "notified events without a notification", MISSING_NOTIFICATIONS);

    private DeliveryLedger() {
    }

    /**
     * Whether everything has arrived: every accepted dossier DELIVERABLE with its package and its
     * notifications, every outbox event published and every notified event's notification written.
     */
    static boolean arrived(Connection db, Collection<UUID> accepted) throws SQLException {
        return count(db, accepted, "SELECT count(*) FROM dossier d WHERE d.id = ANY(?) AND d.state = 'DELIVERABLE' "
                + "AND EXISTS (SELECT 1 FROM delivery_package p WHERE p.dossier_id = d.id)") == accepted.size()
                && notificationsPresent(db, accepted) == (long) KINDS_PER_DOSSIER * accepted.size()
                && BenchmarkSupport.count(db, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0
                && BenchmarkSupport.count(db, MISSING_NOTIFICATIONS) == 0;
    }

    /** Counts what became of the {@code accepted} dossiers, and of everything else in the database. */
    static Counts count(Connection db, Collection<UUID> accepted) throws SQLException {
        long stored = count(db, accepted, "SELECT count(*) FROM dossier WHERE id = ANY(?)");
        long delivered = count(db, accepted, "SELECT count(*) FROM dossier d WHERE d.id = ANY(?) "
                + "AND d.state = 'DELIVERABLE' AND EXISTS (SELECT 1 FROM delivery_package p WHERE p.dossier_id = d.id)");

        Map<String, Long> duplicated = counts(db, DUPLICATES);
        Map<String, Long> lost = new LinkedHashMap<>();
        lost.put("accepted dossiers not stored", accepted.size() - stored);
        lost.put("accepted dossiers stored but not delivered", stored - delivered);
        lost.putAll(counts(db, LOSSES));

        long unanswered = count(db, accepted, "SELECT count(*) FROM dossier WHERE NOT (id = ANY(?))");
        Map<String, Long> detail = new LinkedHashMap<>();
        duplicated.forEach((what, value) -> detail.put("duplicated: " + what, value));
        lost.forEach((what, value) -> detail.put("lost: " + what, value));
        detail.put("dossiers stored that no accepted answer names", unanswered);
        detail.put("(not judged) enrolments recorded more than once for a pupil, which have no Idempotency-Key",
                BenchmarkSupport.count(db, "SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) AS c FROM enrolment "
                        + "GROUP BY receiving_school, pupil_index HAVING count(*) > 1) twice"));
        return new Counts(accepted.size(), stored, delivered, sum(duplicated), sum(lost), unanswered,
                notificationsPresent(db, accepted), (long) KINDS_PER_DOSSIER * accepted.size(), detail);
    }

    private static long notificationsPresent(Connection db, Collection<UUID> accepted) throws SQLException {
        return count(db, accepted, "SELECT count(*) FROM dossier d CROSS JOIN unnest(" + KINDS + ") AS k(kind) "
                + "WHERE d.id = ANY(?) AND EXISTS (SELECT 1 FROM school_notification s WHERE s.dossier_id = d.id "
                + "AND s.kind = k.kind)");
    }

    /** {@code descriptionsAndQueries}: description, SQL, description, SQL, …, in that order. */
    private static Map<String, String> ordered(String... descriptionsAndQueries) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (int i = 0; i < descriptionsAndQueries.length; i += 2) {
            ordered.put(descriptionsAndQueries[i], descriptionsAndQueries[i + 1]);
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** Each query's count, under its description. */
    private static Map<String, Long> counts(Connection db, Map<String, String> queries) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            counts.put(query.getKey(), BenchmarkSupport.count(db, query.getValue()));
        }
        return counts;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The single number {@code sql} answers, its one parameter the ids {@code accepted}. */
    private static long count(Connection db, Collection<UUID> accepted, String sql) throws SQLException {
        Array ids = db.createArrayOf("uuid", accepted.toArray());
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, ids);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } finally {
            ids.free();
        }
    }
}
