package nl.overdracht.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that the audit chain had {@code size} entries and head {@code chainHead} at
 * {@code signedAt}. The signature is over {@link AuditCanonical#checkpointBytes} with
 * Overdracht's signing key.
 *
 * @param algorithm the JCA signature algorithm, {@code SHA256withRSA} or {@code SHA256withECDSA}
 */
public record Checkpoint(long size, byte[] chainHead, Instant signedAt, String algorithm, byte[] signature) {

    public Checkpoint {
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(algorithm, "algorithm");
        if (size < 1 || chainHead.length != AuditCanonical.HASH_LENGTH) {
            throw new IllegalArgumentException("a checkpoint covers at least one entry and names a 32-byte head");
        }
        chainHead = chainHead.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] chainHead() {
        return chainHead.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
