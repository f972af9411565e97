package nl.overdracht.feedback;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One code of the outcome list; an inactive code is no longer accepted in reports but still counted. */
@Schema(name = "CareerOutcomeCode", requiredProperties = {"code", "labelNl", "labelEn", "active"})
public record OutcomeCode(String code, String labelNl, String labelEn, boolean active) {
}
