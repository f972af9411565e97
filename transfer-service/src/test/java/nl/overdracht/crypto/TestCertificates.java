package nl.overdracht.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed test certificates and keys, for any test that needs a school's or Overdracht's
 * certificate.
 *
 * <pre>{@code
 * Issued school = TestCertificates.rsa("CN=School 00AB00", 3072).issue();
 * Issued old = TestCertificates.ec("CN=Oude school", "secp256r1").validity(from, to).noKeyUsage().issue();
 * SigningIdentity overdracht = TestCertificates.signingIdentity();
 * }</pre>
 *
 * Key pairs are cached by (algorithm, size or curve, subject) for speed: the same subject gets the
 * same key within a JVM; use different subjects for different keys.
 */
public final class TestCertificates {

    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A key pair and its self-signed certificate. */
    public record Issued(KeyPair keyPair, X509Certificate certificate) {

        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }

        /** Overdracht's signing identity made of this key and certificate. */
        public SigningIdentity asSigningIdentity() {
            return new SigningIdentity(keyPair.getPrivate(), certificate);
        }

        /** Writes {@code <name>-key.pem} (unencrypted PKCS#8, "PRIVATE KEY") and {@code <name>-cert.pem} into {@code directory}. */
        public Issued writePem(Path directory, String name) {
            try {
                writePemObject(directory.resolve(name + "-key.pem"), new JcaPKCS8Generator(keyPair.getPrivate(), null));
            } catch (PemGenerationException e) {
                throw new IllegalStateException(e);
            }
            writePemObject(directory.resolve(name + "-cert.pem"), certificate);
            return this;
        }

        @Override
        public String toString() {
            return "Issued[subject=" + certificate.getSubjectX500Principal().getName() + ", privateKey=***]";
        }
    }

    /** A builder for an RSA certificate; key usage defaults to digitalSignature and keyEncipherment. */
    public static Builder rsa(String subject, int bits) {
        return new Builder(subject, "RSA", bits, null, KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    }

    /** A builder for an EC certificate on a named curve ({@code secp256r1}, ...); key usage keyAgreement. */
    public static Builder ec(String subject, String curve) {
        return new Builder(subject, "EC", 0, curve, KeyUsage.digitalSignature | KeyUsage.keyAgreement);
    }

    /** A builder for an Ed25519 certificate, a key type no recipient may have. */
    public static Builder ed25519(String subject) {
        return new Builder(subject, "Ed25519", 0, null, KeyUsage.digitalSignature);
    }

    /** An Overdracht-like signing identity: RSA 3072, digitalSignature and nonRepudiation. */
    public static SigningIdentity signingIdentity() {
        return rsa("CN=Overdracht test signing key,O=Overdracht", 3072)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation).issue().asSigningIdentity();
    }

    /** Writes one PEM object (key or certificate). */
    public static void writePemObject(Path file, Object object) {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {
        private final String subject;
        private final String algorithm;
        private final int bits;
        private final String curve;
        private Integer keyUsage;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));

        private Builder(String subject, String algorithm, int bits, String curve, int keyUsage) {
            this.subject = subject;
            this.algorithm = algorithm;
            this.bits = bits;
            this.curve = curve;
            this.keyUsage = keyUsage;
        }

        /** Key usage bits from {@link KeyUsage}, for example {@code KeyUsage.keyEncipherment}. */
        public Builder keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        /** No key usage extension at all. */
        public Builder noKeyUsage() {
            this.keyUsage = null;
            return this;
        }

        public Builder validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        public Issued issue() {
            KeyPair pair = KEYS.computeIfAbsent(algorithm + "/" + bits + "/" + curve + "/" + subject,
                    ignored -> generate());
            try {
                X500Name name = new X500Name(subject);
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        name, pair.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                if (keyUsage != null) {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                }
                String signature = switch (algorithm) {
                    case "EC" -> "SHA256withECDSA";
                    case "Ed25519" -> "Ed25519";
                    default -> "SHA256withRSA";
                };
                JcaContentSignerBuilder signer = new JcaContentSignerBuilder(signature);
                JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
                if (usesBouncyCastle()) {
                    signer.setProvider(BouncyCastle.PROVIDER);
                    converter.setProvider(BouncyCastle.PROVIDER);
                }
                X509Certificate certificate = converter.getCertificate(builder.build(signer.build(pair.getPrivate())));
                return new Issued(pair, certificate);
            } catch (Exception e) {
                throw new IllegalStateException("could not issue a test certificate", e);
            }
        }

        private boolean usesBouncyCastle() {
            return curve != null && !curve.matches("secp(256|384|521)r1");
        }

        private KeyPair generate() {
            try {
                // the JDK has no key generation for curves other than P-256/384/521: Bouncy Castle does
                KeyPairGenerator generator = usesBouncyCastle()
                        ? KeyPairGenerator.getInstance(algorithm, BouncyCastle.PROVIDER)
                        : KeyPairGenerator.getInstance(algorithm);
                if (curve != null) {
                    generator.initialize(new ECGenParameterSpec(curve));
                } else if (bits > 0) {
                    generator.initialize(bits);
                }
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
