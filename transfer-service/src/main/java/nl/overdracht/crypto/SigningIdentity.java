package nl.overdracht.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Overdracht's own signing key and its certificate: it signs delivery packages (CMS SignedData)
 * and audit checkpoints.
 */
public record SigningIdentity(PrivateKey privateKey, X509Certificate certificate) {

    public SigningIdentity {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        if (!privateKey.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            throw new IllegalArgumentException("the signing key and certificate are of different algorithms");
        }
    }

    /** The JCA signature algorithm for this key. */
    public String signatureAlgorithm() {
        return isEc() ? "SHA256withECDSA" : "SHA256withRSA";
    }

    /** Whether the key is an elliptic-curve (ECDSA) one; otherwise it is RSA. */
    public boolean isEc() {
        return "EC".equals(privateKey.getAlgorithm());
    }

    /**
     * The certificate's SHA-256 thumbprint, base64url without padding (a JWS {@code x5t#S256}): the
     * {@code kid} of what this identity signs as JWS.
     */
    public String thumbprint() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the signing certificate cannot be encoded", e);
        }
    }

    @Override
    public String toString() {
        return "SigningIdentity[subject=" + certificate.getSubjectX500Principal().getName() + ", privateKey=***]";
    }
}
