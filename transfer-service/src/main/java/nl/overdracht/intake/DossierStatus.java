package nl.overdracht.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import nl.overdracht.platform.Problem;
import nl.overdracht.profile.Violation;

/**
 * What a school may see of its dossier: ids, profile, state, times and the content hash. Never content.
 * The answer to a submission or revision also carries the warnings of the standard's own validation
 * ({@code pointer}, {@code detail}, {@code code}); a status read later does not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DossierStatus(UUID id, String profile, String profileVersion, String transferKind, int revision,
        String state, String sendingSchool, String receivingSchool, String contentSha256, Instant createdAt,
        Instant updatedAt, Instant expiresAt, Instant windowEndsAt, Instant releasedAt, Instant purgedAt,
        List<Problem.FieldError> warnings) {

    /** The columns {@link #from(Row)} reads. */
    public static final String COLUMNS = "id, profile_id, profile_version, transfer_kind, revision, state, sending_school, "
            + "receiving_school, content_sha256, created_at, updated_at, expires_at, window_ends_at, released_at, purged_at";

    public static DossierStatus from(Row row) {
        return new DossierStatus(row.getUUID("id"), row.getString("profile_id"), row.getString("profile_version"),
                row.getString("transfer_kind"), row.getInteger("revision"), row.getString("state"),
                row.getString("sending_school"), row.getString("receiving_school"),
                HexFormat.of().formatHex(row.getBuffer("content_sha256").getBytes()),
                instant(row, "created_at"), instant(row, "updated_at"), instant(row, "expires_at"),
                instant(row, "window_ends_at"), instant(row, "released_at"), instant(row, "purged_at"), null);
    }

    /** The same status with the warnings of the inspection that accepted it; none are left out. */
    public DossierStatus withWarnings(List<Violation> found) {
        return found.isEmpty() ? this : new DossierStatus(id, profile, profileVersion, transferKind, revision, state,
                sendingSchool, receivingSchool, contentSha256, createdAt, updatedAt, expiresAt, windowEndsAt, releasedAt,
                purgedAt, found.stream().map(Violation::toFieldError).toList());
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
