package nl.overdracht.registry;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A school's registered certificate, without the certificate itself.
 *
 * @param sha256 the SHA-256 fingerprint of the DER certificate, hex
 * @param current whether deliveries are encrypted to this one now
 */
@Schema(name = "CertificateView", requiredProperties = {"id", "schoolId", "sha256", "subject", "keyAlgorithm",
        "notBefore", "notAfter", "addedAt", "current"})
public record CertificateView(UUID id, String schoolId, String sha256, String subject, String keyAlgorithm,
        Instant notBefore, Instant notAfter, Instant addedAt, Instant revokedAt, boolean current) {
}
