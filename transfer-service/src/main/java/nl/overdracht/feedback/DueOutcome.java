package nl.overdracht.feedback;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A delivery whose school-career outcome the receiving school is asked to report. */
@Schema(name = "DueCareerOutcome", requiredProperties = {"deliveryId", "sendingSchool", "schoolYear", "acknowledgedAt",
        "dueSince"})
public record DueOutcome(
        @Schema(description = "The delivery's id (the dossier's id)") UUID deliveryId,
        String sendingSchool,
        @Schema(description = "The school year in which the delivery was acknowledged (years start on 1 August)",
                example = "2025-2026") String schoolYear,
        Instant acknowledgedAt,
        Instant dueSince) {
}
