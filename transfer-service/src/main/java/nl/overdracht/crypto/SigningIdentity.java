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
        return "EC".equals(privateKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    @Override
    public String toString() {
        return "SigningIdentity[subject=" + certificate.getSubjectX500Principal().getName() + ", privateKey=***]";
    }
}
