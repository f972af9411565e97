package nl.overdracht.objection;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A recorded objection. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ObjectionView", requiredProperties = {"id", "dossierId", "whole", "sections", "objectedBy",
        "objectedOn", "recordedAt"})
public record ObjectionView(UUID id, UUID dossierId, boolean whole, List<String> sections, String objectedBy,
        LocalDate objectedOn, Instant recordedAt, Instant withdrawnAt) {

    static final String COLUMNS = "id, dossier_id, whole, sections, objected_by, objected_on, recorded_at, withdrawn_at";

    static ObjectionView from(Row row) {
        OffsetDateTime withdrawn = row.getOffsetDateTime("withdrawn_at");
        return new ObjectionView(row.getUUID("id"), row.getUUID("dossier_id"), row.getBoolean("whole"),
                Arrays.asList(row.getArrayOfStrings("sections")), row.getString("objected_by"),
                row.getLocalDate("objected_on"), row.getOffsetDateTime("recorded_at").toInstant(),
                withdrawn == null ? null : withdrawn.toInstant());
    }
}
