package nl.overdracht.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import nl.overdracht.lifecycle.Dossier;
import nl.overdracht.openapi.ContractFilter;
import nl.overdracht.platform.Problem;
import nl.overdracht.profile.Violation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a school may see of its dossier: ids, profile, state, times and the content hash. Never content.
 * The answer to a submission or revision also carries the warnings of the standard's own validation
 * ({@code pointer}, {@code detail}, {@code code}); a status read later does not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "DossierStatus", requiredProperties = {"id", "profile", "profileVersion", "revision", "state",
        "sendingSchool", "createdAt", "updatedAt"})
public record DossierStatus(UUID id, String profile, String profileVersion, String transferKind, int revision,
        @Schema(ref = ContractFilter.TRANSFER_STATE) String state, String sendingSchool, String receivingSchool,
        String contentSha256, Instant createdAt,
        Instant updatedAt, Instant expiresAt, Instant windowEndsAt, Instant releasedAt, Instant purgedAt,
        List<Problem.FieldError> warnings) {

    /** What the school may see of {@code dossier}. */
    public static DossierStatus of(Dossier dossier) {
        return new DossierStatus(dossier.id(), dossier.profileId(), dossier.profileVersion(), dossier.transferKind(),
                dossier.revision(), dossier.state().name(), dossier.sendingSchool(), dossier.receivingSchool(),
                HexFormat.of().formatHex(dossier.contentSha256()), dossier.createdAt(), dossier.updatedAt(),
                dossier.expiresAt(), dossier.windowEndsAt(), dossier.releasedAt(), dossier.purgedAt(), null);
    }

    /** The same status with the warnings of the inspection that accepted it; none are left out. */
    public DossierStatus withWarnings(List<Violation> found) {
        return found.isEmpty() ? this : new DossierStatus(id, profile, profileVersion, transferKind, revision, state,
                sendingSchool, receivingSchool, contentSha256, createdAt, updatedAt, expiresAt, windowEndsAt, releasedAt,
                purgedAt, found.stream().map(Violation::toFieldError).toList());
    }
}
