package nl.overdracht.webhook;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;

/**
 * How a school checks a notification, as the README's Webhooks section shows it: the detached JWS
 * in {@code Overdracht-Signature} over the exact body, with the public key of the certificate
 * {@code GET /api/v1/signing-certificate} serves, its {@code kid} the one the certificate answer
 * names, {@code iat} recent and {@code webhook-id} the same as the {@code Webhook-Id} header.
 */
final class WebhookVerification {

    private WebhookVerification() {
    }

    static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the notification is Overdracht's, untouched, this id's, and signed within {@code maxAge} of {@code now}. */
    static boolean verify(String signature, byte[] body, String webhookId, X509Certificate certificate, String kid,
            Instant now, Duration maxAge) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    "ES256", "ES384", "ES512", "RS256"));
            jws.setCompactSerialization(signature);
            jws.setEncodedPayload(Base64Url.encode(body));
            jws.setKey(certificate.getPublicKey());
            if (!jws.verifySignature() || !kid.equals(jws.getKeyIdHeaderValue())
                    || !webhookId.equals(jws.getHeader("webhook-id"))) {
                return false;
            }
            Instant signedAt = Instant.ofEpochSecond(((Number) jws.getHeaders().getObjectHeaderValue("iat")).longValue());
            return Duration.between(signedAt, now).abs().compareTo(maxAge) <= 0;
        } catch (Exception e) {
            return false;
        }
    }
}
