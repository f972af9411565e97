package nl.overdracht.profile;

import java.time.Duration;
import java.util.Objects;

/** How long ciphertext is kept after each end of a dossier's life before it is purged. */
public record Retention(Duration afterDelivery, Duration afterObjection, Duration afterWithdrawal, Duration afterExpiry) {
    public Retention {
        Objects.requireNonNull(afterDelivery, "afterDelivery");
        Objects.requireNonNull(afterObjection, "afterObjection");
        Objects.requireNonNull(afterWithdrawal, "afterWithdrawal");
        Objects.requireNonNull(afterExpiry, "afterExpiry");
    }
}
