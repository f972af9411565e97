package nl.overdracht.feedback;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.platform.Prunable;

/** The SQL of school-career feedback; every method runs on the client or transaction it is given. */
@ApplicationScoped
public class CareerFeedbackRepository {

    /** A delivery whose outcome is expected, locked for its report. */
    record Expected(String sendingSchool, String adviceLevel, String schoolYear, Instant acknowledgedAt,
            Instant reportedAt) {
    }

    /** One stored count. */
    record Count(String schoolYear, String adviceLevel, String code, int pupils) {
    }

    /** At intake, and again at a revision before delivery: the dossier's advice level. */
    Uni<Void> expect(SqlConnection tx, UUID dossierId, String sendingSchool, String adviceLevel) {
        return tx.preparedQuery("INSERT INTO career_feedback_expected (dossier_id, sending_school, advice_level) "
                        + "VALUES ($1, $2, $3) ON CONFLICT (dossier_id) DO UPDATE SET advice_level = EXCLUDED.advice_level "
                        + "WHERE career_feedback_expected.acknowledged_at IS NULL")
                .execute(Tuple.of(dossierId, sendingSchool, adviceLevel)).replaceWithVoid();
    }

    /** In the acknowledgement's transaction: the delivery arrived; a dossier without a row counts as advice {@code none}. */
    Uni<Void> delivered(SqlConnection tx, UUID dossierId, String receivingSchool, String schoolYear, Instant at) {
        return tx.preparedQuery("INSERT INTO career_feedback_expected (dossier_id, sending_school, advice_level, "
                        + "receiving_school, school_year, acknowledged_at) SELECT id, sending_school, 'none', $2, $3, $4 "
                        + "FROM dossier WHERE id = $1 ON CONFLICT (dossier_id) DO UPDATE SET receiving_school = "
                        + "EXCLUDED.receiving_school, school_year = EXCLUDED.school_year, acknowledged_at = "
                        + "EXCLUDED.acknowledged_at WHERE career_feedback_expected.acknowledged_at IS NULL")
                .execute(Tuple.of(dossierId, receivingSchool, schoolYear, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The receiving school's deliveries whose outcome is due (acknowledged by {@code dueBy}) and not yet reported. */
    Uni<List<DueOutcome>> listDue(SqlClient client, String school, Instant dueBy, Duration dueAfter, int limit) {
        return client.preparedQuery("SELECT dossier_id, sending_school, school_year, acknowledged_at "
                        + "FROM career_feedback_expected WHERE receiving_school = $1 AND reported_at IS NULL "
                        + "AND acknowledged_at <= $2 ORDER BY acknowledged_at, dossier_id LIMIT $3")
                .execute(Tuple.of(school, dueBy.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<DueOutcome> out = new ArrayList<>();
                    for (Row row : rows) {
                        Instant acknowledged = row.getOffsetDateTime("acknowledged_at").toInstant();
                        out.add(new DueOutcome(row.getUUID("dossier_id"), row.getString("sending_school"),
                                row.getString("school_year"), acknowledged, acknowledged.plus(dueAfter)));
                    }
                    return out;
                });
    }

    /** The receiving school's acknowledged delivery, locked; empty when it is not that school's. */
    Uni<Optional<Expected>> lockForReport(SqlConnection tx, UUID dossierId, String school) {
        return tx.preparedQuery("SELECT sending_school, advice_level, school_year, acknowledged_at, reported_at "
                        + "FROM career_feedback_expected WHERE dossier_id = $1 AND receiving_school = $2 "
                        + "AND acknowledged_at IS NOT NULL FOR UPDATE")
                .execute(Tuple.of(dossierId, school))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    OffsetDateTime reported = row.getOffsetDateTime("reported_at");
                    return Optional.of(new Expected(row.getString("sending_school"), row.getString("advice_level"),
                            row.getString("school_year"), row.getOffsetDateTime("acknowledged_at").toInstant(),
                            reported == null ? null : reported.toInstant()));
                });
    }

    /** The outcome is reported: the advice level goes, the fact of the report stays (no code). */
    Uni<Void> markReported(SqlConnection tx, UUID dossierId, Instant at) {
        return tx.preparedQuery("UPDATE career_feedback_expected SET reported_at = $2, advice_level = NULL "
                        + "WHERE dossier_id = $1")
                .execute(Tuple.of(dossierId, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** One more pupil in the count of these two schools, school year, advice level and code. */
    Uni<Void> addOutcome(SqlConnection tx, String sendingSchool, String receivingSchool, String schoolYear,
            String adviceLevel, String code) {
        return tx.preparedQuery("INSERT INTO career_outcome (sending_school, receiving_school, school_year, "
                        + "advice_level, code, pupils) VALUES ($1, $2, $3, $4, $5, 1) ON CONFLICT (sending_school, "
                        + "receiving_school, school_year, advice_level, code) DO UPDATE SET pupils = career_outcome.pupils + 1")
                .execute(Tuple.of(sendingSchool, receivingSchool, schoolYear, adviceLevel, code)).replaceWithVoid();
    }

    Uni<List<OutcomeCode>> codes(SqlClient client) {
        return client.query("SELECT code, label_nl, label_en, active FROM career_outcome_code ORDER BY position, code")
                .execute().map(rows -> {
                    List<OutcomeCode> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new OutcomeCode(row.getString("code"), row.getString("label_nl"),
                            row.getString("label_en"), row.getBoolean("active"))));
                    return out;
                });
    }

    /** The sending school's counts, summed over receiving schools. */
    Uni<List<Count>> countsOfSender(SqlClient client, String school) {
        return counts(client, "SELECT school_year, advice_level, code, sum(pupils) AS pupils FROM career_outcome "
                + "WHERE sending_school = $1 GROUP BY 1, 2, 3", school);
    }

    /** The region's counts: of every sending school in it, summed over schools. */
    Uni<List<Count>> countsOfRegion(SqlClient client, String region) {
        return counts(client, "SELECT o.school_year, o.advice_level, o.code, sum(o.pupils) AS pupils FROM career_outcome o "
                + "JOIN school s ON s.id = o.sending_school WHERE s.region = $1 GROUP BY 1, 2, 3", region);
    }

    private Uni<List<Count>> counts(SqlClient client, String sql, String argument) {
        return client.preparedQuery(sql).execute(Tuple.of(argument)).map(rows -> {
            List<Count> out = new ArrayList<>();
            rows.forEach(row -> out.add(new Count(row.getString("school_year"), row.getString("advice_level"),
                    row.getString("code"), row.getLong("pupils").intValue())));
            return out;
        });
    }

    /** In a purge's transaction: a dossier that was never delivered expects no outcome; its advice level goes. */
    Uni<Void> deleteUndelivered(SqlConnection tx, UUID dossierId) {
        return tx.preparedQuery("DELETE FROM career_feedback_expected WHERE dossier_id = $1 AND acknowledged_at IS NULL")
                .execute(Tuple.of(dossierId)).replaceWithVoid();
    }

    /** Deletes up to {@code limit} rows acknowledged more than {@code period} ago (their reporting period is over). */
    Uni<Integer> deleteLapsed(SqlClient client, Instant now, Duration period, int limit) {
        return client.preparedQuery("DELETE FROM career_feedback_expected WHERE dossier_id IN (SELECT dossier_id FROM "
                        + "career_feedback_expected WHERE acknowledged_at IS NOT NULL AND "
                        + Prunable.olderThan("acknowledged_at") + " LIMIT $3)")
                .execute(Prunable.arguments(now, period, limit)).map(rows -> rows.rowCount());
    }
}
