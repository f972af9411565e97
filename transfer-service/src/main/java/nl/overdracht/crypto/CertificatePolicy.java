package nl.overdracht.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Whether a receiving school's certificate is fit to encrypt deliveries to. Used by the registry
 * when a certificate is registered and before each delivery.
 *
 * <p>Rules: an RSA key of at least 2048 bits, or an EC key on named curve P-256, P-384 or P-521
 * (explicit curve parameters are refused); if the key usage extension is present it must allow
 * keyEncipherment (RSA) or keyAgreement (EC) — an absent extension allows every usage; the
 * certificate must be valid at {@code now} (notBefore ≤ now ≤ notAfter). Chain and revocation are
 * the registry's concern, not this class's.
 */
@ApplicationScoped
public class CertificatePolicy {

    static final int MIN_RSA_BITS = 2048;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;
    private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384",
            SECObjectIdentifiers.secp521r1, "P-521");

    /** Every reason the certificate is not acceptable at {@code now}; empty when it is. */
    public List<String> problems(X509Certificate cert, Instant now) {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(now, "now");
        List<String> problems = new ArrayList<>();
        PublicKey key = cert.getPublicKey();
        boolean[] usage = cert.getKeyUsage();
        switch (key.getAlgorithm()) {
            case "RSA" -> {
                int bits = ((RSAPublicKey) key).getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    problems.add("RSA key of " + bits + " bits; at least " + MIN_RSA_BITS + " required");
                }
                if (usage != null && !allows(usage, KEY_ENCIPHERMENT)) {
                    problems.add("key usage does not allow keyEncipherment, needed for an RSA recipient");
                }
            }
            case "EC" -> {
                String curveProblem = curveProblem(key);
                if (curveProblem != null) {
                    problems.add(curveProblem);
                }
                if (usage != null && !allows(usage, KEY_AGREEMENT)) {
                    problems.add("key usage does not allow keyAgreement, needed for an EC recipient");
                }
            }
            default -> problems.add(key.getAlgorithm() + " key; RSA or EC required");
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            problems.add("not yet valid: valid from " + cert.getNotBefore().toInstant());
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            problems.add("expired on " + cert.getNotAfter().toInstant());
        }
        return List.copyOf(problems);
    }

    private static boolean allows(boolean[] usage, int bit) {
        return usage.length > bit && usage[bit];
    }

    private static String curveProblem(PublicKey key) {
        var algorithm = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                || !(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)) {
            return "EC key without a named curve; P-256, P-384 or P-521 required";
        }
        if (!CURVES.containsKey(curve)) {
            return "EC key on curve " + curve.getId() + "; P-256, P-384 or P-521 required";
        }
        return null;
    }
}
