package nl.overdracht.registry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A registered school as operators see it.
 *
 * @param acceptedProfiles the profile versions the school accepts, as {@code profile@version}
 * @param authEnvelopedData whether deliveries are AuthEnvelopedData (AES-256-GCM) rather than
 *     EnvelopedData (AES-256-CBC)
 * @param currentCertificate the certificate deliveries are encrypted to now; null when none is valid
 * @param currentCertificateNotAfter when that certificate expires; null when none is valid
 */
@Schema(name = "SchoolView", requiredProperties = {"id", "name", "region", "status", "acceptedProfiles",
        "authEnvelopedData", "createdAt", "updatedAt"})
public record SchoolView(String id, String name, String region, SchoolStatus status, List<String> acceptedProfiles,
        boolean authEnvelopedData, UUID currentCertificate, Instant currentCertificateNotAfter, Instant createdAt,
        Instant updatedAt) {

    public SchoolView {
        acceptedProfiles = List.copyOf(acceptedProfiles);
    }
}
