package nl.overdracht.enrolment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An enrolment as its school sees it: ids, dates and whether it matched. Never the pupil id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrolmentView(UUID id, String receivingSchool, String sendingSchool, LocalDate enrolmentDate,
        Instant createdAt, boolean matched, UUID dossierId, Instant matchedAt, boolean conflict) {

    static final String COLUMNS = "id, receiving_school, sending_school, enrolment_date, created_at, matched_dossier_id, "
            + "matched_at, conflict_dossier_id";

    static EnrolmentView from(Row row) {
        OffsetDateTime matchedAt = row.getOffsetDateTime("matched_at");
        return new EnrolmentView(row.getUUID("id"), row.getString("receiving_school"), row.getString("sending_school"),
                row.getLocalDate("enrolment_date"), row.getOffsetDateTime("created_at").toInstant(),
                row.getUUID("matched_dossier_id") != null, row.getUUID("matched_dossier_id"),
                matchedAt == null ? null : matchedAt.toInstant(), row.getUUID("conflict_dossier_id") != null);
    }
}
