package nl.overdracht.enrolment;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An enrolment that did not match a dossier because the dossier names another receiving school,
 * as the dossier's sending school sees it: ids, schools, dates and the dossier's state. Never the
 * pupil id.
 *
 * @param enrolmentId the enrolment that did not match
 * @param dossierId the sending school's dossier of the same pupil
 * @param enrollingSchool the school that recorded the enrolment
 * @param namedReceivingSchool the receiving school the dossier names
 * @param enrolmentDate the enrolment's first school day
 * @param recordedAt when the enrolment was recorded
 * @param dossierState the dossier's state now
 */
public record EnrolmentConflict(UUID enrolmentId, UUID dossierId, String enrollingSchool, String namedReceivingSchool,
        LocalDate enrolmentDate, Instant recordedAt, String dossierState) {

    static final String SELECT = "SELECT e.id AS enrolment_id, d.id AS dossier_id, e.receiving_school AS enrolling_school, "
            + "d.receiving_school AS named_school, e.enrolment_date, e.created_at, d.state "
            + "FROM enrolment e JOIN dossier d ON d.id = e.conflict_dossier_id ";

    static EnrolmentConflict from(Row row) {
        return new EnrolmentConflict(row.getUUID("enrolment_id"), row.getUUID("dossier_id"),
                row.getString("enrolling_school"), row.getString("named_school"), row.getLocalDate("enrolment_date"),
                row.getOffsetDateTime("created_at").toInstant(), row.getString("state"));
    }
}
