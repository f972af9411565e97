package nl.overdracht.enrolment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An enrolment as its school sees it: ids, dates, whether it matched and, once purged, when. Never
 * the pupil id. A purged enrolment that had not matched waits no more: no dossier will match it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "EnrolmentView", requiredProperties = {"id", "receivingSchool", "enrolmentDate", "createdAt",
        "matched", "conflict"})
public record EnrolmentView(UUID id, String receivingSchool, String sendingSchool, LocalDate enrolmentDate,
        Instant createdAt, boolean matched, UUID dossierId, Instant matchedAt, boolean conflict, Instant purgedAt) {

    static final String COLUMNS = "id, receiving_school, sending_school, enrolment_date, created_at, matched_dossier_id, "
            + "matched_at, conflict_dossier_id, purged_at";

    static EnrolmentView from(Row row) {
        return new EnrolmentView(row.getUUID("id"), row.getString("receiving_school"), row.getString("sending_school"),
                row.getLocalDate("enrolment_date"), row.getOffsetDateTime("created_at").toInstant(),
                row.getUUID("matched_dossier_id") != null, row.getUUID("matched_dossier_id"),
                instant(row, "matched_at"), row.getUUID("conflict_dossier_id") != null, instant(row, "purged_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
