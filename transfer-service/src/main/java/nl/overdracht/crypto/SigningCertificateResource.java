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
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/signing-certificate}: Overdracht's signing certificate, which verifies its CMS
 * packages, audit checkpoints and webhook signatures; {@code kid} is the thumbprint webhook
 * signatures name. Public data, but like every endpoint it answers a token only.
 */
@Path("/api/v1/signing-certificate")
@Tag(name = "signing")
@RolesAllowed({Roles.SENDING_SCHOOL, Roles.RECEIVING_SCHOOL, Roles.OPERATOR, Roles.AUDITOR, Roles.NATIONAL_AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
public class SigningCertificateResource {

    /**
     * The certificate.
     *
     * @param kid base64url SHA-256 of the certificate's DER, as in a webhook signature's {@code kid}
     * @param certificate PEM
     */
    public record SigningCertificate(String kid, String subject, Instant notAfter, String certificate) {
    }

    @Inject
    SigningIdentity identity;

    @GET
    @Operation(summary = "Overdracht's signing certificate (PEM) and its kid")
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
