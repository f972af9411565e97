package nl.overdracht.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Outcomes counted per school year and advice level, as published: every shown count holds at least
 * {@code k} pupils; a hidden count is null with {@code suppressed} true ({@link OutcomeSuppression}).
 *
 * @param scope the sending school, or the operator's region
 */
@Schema(name = "CareerOutcomeTable", requiredProperties = {"scope", "k", "codes", "rows"})
public record OutcomeTable(String scope, int k, @Schema(description = "The outcome codes, in the order of each row's cells")
        List<String> codes, List<Row> rows) {

    /** One school year and advice level; withheld whole (no total) when under k pupils or when all fared alike. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "CareerOutcomeRow", requiredProperties = {"schoolYear", "adviceLevel", "suppressed", "cells"})
    public record Row(String schoolYear,
            @Schema(enumeration = {"praktijkonderwijs", "vmbo-b", "vmbo-k", "vmbo-gt", "havo", "vwo", "other", "none"})
            String adviceLevel,
            @Schema(description = "The pupils reported in this row; null when the row is withheld") Integer pupils,
            boolean suppressed, List<Cell> cells) {
    }

    /** One outcome code's count; null and suppressed when hidden. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "CareerOutcomeCell", requiredProperties = {"code", "suppressed"})
    public record Cell(String code, Integer pupils, boolean suppressed) {
    }
}
