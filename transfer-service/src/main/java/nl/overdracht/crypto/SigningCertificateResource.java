package nl.overdracht.crypto;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Base64;
import nl.overdracht.openapi.Audiences;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/signing-certificate}: Overdracht's signing certificate, which verifies its CMS
 * packages, audit checkpoints and webhook signatures; {@code kid} is the thumbprint webhook
 * signatures name. Public data, but like every endpoint it answers a token only.
 */
@Path("/api/v1/signing-certificate")
@Tag(name = Audiences.SIGNING)
@RolesAllowed({Roles.SENDING_SCHOOL, Roles.RECEIVING_SCHOOL, Roles.OPERATOR, Roles.AUDITOR, Roles.NATIONAL_AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
public class SigningCertificateResource {

    /**
     * The certificate.
     *
     * @param kid base64url SHA-256 of the certificate's DER, as in a webhook signature's {@code kid}
     * @param certificate PEM
     */
    @Schema(name = "SigningCertificate", requiredProperties = {"kid", "subject", "notAfter", "certificate"})
    public record SigningCertificate(String kid, String subject, Instant notAfter, String certificate) {
    }

    @Inject
    SigningIdentity identity;

    @GET
    @Operation(operationId = "getSigningCertificate", summary = "Read Overdracht's signing certificate",
            description = "The certificate (PEM) that verifies Overdracht's delivery packages, audit checkpoints and "
                    + "webhook signatures, and its kid: the base64url SHA-256 of its DER, as a webhook signature "
                    + "names it. Compare it with the one given to the school out of band before trusting it.")
    @APIResponse(responseCode = "200", description = "The certificate")
    public SigningCertificate get() {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(identity.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return new SigningCertificate(identity.thumbprint(),
                    identity.certificate().getSubjectX500Principal().getName(),
                    identity.certificate().getNotAfter().toInstant(), pem);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the signing certificate cannot be encoded", e);
        }
    }
}
