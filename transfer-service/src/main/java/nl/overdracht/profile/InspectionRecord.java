package nl.overdracht.profile;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The OSO {@code inzage} block: what the parents saw and agreed to before the dossier was sent.
 * The free-text reason for disagreement is not copied here; only whether one was given.
 *
 * @param provisional {@code voorlopigdossier}
 * @param inspected {@code inzage} is {@code true}
 * @param inspectedOn {@code inzagedatum}
 * @param agreed {@code akkoord} (Ja/Nee), if stated
 * @param disagreementStated whether {@code redennietakkoord} is present
 * @param consent {@code toestemming} (Ja/Nee), if stated
 */
public record InspectionRecord(boolean provisional, boolean inspected, Optional<LocalDate> inspectedOn,
        Optional<Boolean> agreed, boolean disagreementStated, Optional<Boolean> consent) {
    public InspectionRecord {
        Objects.requireNonNull(inspectedOn, "inspectedOn");
        Objects.requireNonNull(agreed, "agreed");
        Objects.requireNonNull(consent, "consent");
    }
}
