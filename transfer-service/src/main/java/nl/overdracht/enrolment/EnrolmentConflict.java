package nl.overdracht.enrolment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import nl.overdracht.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
@Schema(name = "EnrolmentConflict", requiredProperties = {"enrolmentId", "dossierId", "enrollingSchool",
        "namedReceivingSchool", "enrolmentDate", "recordedAt", "dossierState"})
public record EnrolmentConflict(UUID enrolmentId, UUID dossierId, String enrollingSchool, String namedReceivingSchool,
        LocalDate enrolmentDate, Instant recordedAt,
        @Schema(ref = ContractFilter.TRANSFER_STATE) String dossierState) {
}
