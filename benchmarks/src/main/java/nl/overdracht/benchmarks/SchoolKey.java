package nl.overdracht.benchmarks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A receiving school's key pair and self-signed certificate, made by the benchmark: RSA 2048 for key
 * transport ({@code keyEncipherment}) or EC P-256 for key agreement ({@code keyAgreement}), the two
 * kinds the registry accepts. {@link #toString()} leaves the private key out.
 */
record SchoolKey(String school, PrivateKey privateKey, X509Certificate certificate) {

    static SchoolKey rsa(String school) {
        return make(school, "RSA", 2048, null, "SHA256withRSA", KeyUsage.keyEncipherment);
    }

    static SchoolKey ec(String school) {
        return make(school, "EC", 0, new ECGenParameterSpec("secp256r1"), "SHA256withECDSA", KeyUsage.keyAgreement);
    }

    /** The certificate as the registry takes it: PEM. */
    String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("could not encode the certificate of " + school, e);
        }
    }

    @Override
    public String toString() {
        return "SchoolKey[school=" + school + ", " + certificate.getPublicKey().getAlgorithm() + ", private key ***]";
    }

    private static SchoolKey make(String school, String algorithm, int bits, ECGenParameterSpec curve, String signature,
            int usage) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(curve);
            } else {
                generator.initialize(bits);
            }
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + school);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(signature).build(pair.getPrivate()));
            return new SchoolKey(school, pair.getPrivate(), new JcaX509CertificateConverter().getCertificate(holder));
        } catch (Exception e) {
            throw new IllegalStateException("could not make a " + algorithm + " certificate for " + school, e);
        }
    }
}
