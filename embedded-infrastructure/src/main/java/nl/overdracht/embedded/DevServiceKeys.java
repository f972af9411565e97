package nl.overdracht.embedded;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The development secrets of the embedded run, created once in the key directory and kept: the
 * key-encryption key for dossiers at rest, the blind-index key for pupil ids, and Overdracht's own
 * signing key (ECDSA P-256; an RSA one made by an earlier version is kept) with a self-signed
 * certificate. Every file is 0600 in a 0700 directory. A production deployment configures its own;
 * the tests of the production build make a set like this one in a directory of their own and
 * configure the service with it.
 */
public final class DevServiceKeys {

    static final String KEK_VERSION = "v1";
    static final String KEK_FILE = "kek-" + KEK_VERSION + ".b64";
    static final String BLIND_INDEX_FILE = "blind-index.b64";
    static final String SIGNING_KEY_FILE = "service-signing-key.pem";
    static final String SIGNING_CERT_FILE = "service-signing-cert.pem";

    private DevServiceKeys() {
    }

    /**
     * The crypto settings ({@code overdracht.crypto.kek.v1}, {@code kek-current},
     * {@code blind-index-key}), creating the keys on first use. The values are secrets: never log them.
     */
    public static synchronized Map<String, String> cryptoSettings(Path keyDirectory) {
        Map<String, String> values = new HashMap<>();
        values.put("overdracht.crypto.kek." + KEK_VERSION, secret(keyDirectory.resolve(KEK_FILE)));
        values.put("overdracht.crypto.kek-current", KEK_VERSION);
        values.put("overdracht.crypto.blind-index-key", secret(keyDirectory.resolve(BLIND_INDEX_FILE)));
        return values;
    }

    /** The signing identity settings (paths to PEM files), creating them on first use. */
    public static synchronized Map<String, String> signingSettings(Path keyDirectory) {
        Path key = keyDirectory.resolve(SIGNING_KEY_FILE);
        Path certificate = keyDirectory.resolve(SIGNING_CERT_FILE);
        OwnerOnly.directory(keyDirectory);
        if (!Files.exists(key) || !Files.exists(certificate)) {
            writeSigningIdentity(key, certificate);
        } else {
            OwnerOnly.file(key);
            OwnerOnly.file(certificate);
        }
        return Map.of("overdracht.signing.private-key", key.toString(),
                "overdracht.signing.certificate", certificate.toString());
    }

    private static String secret(Path file) {
        try {
            OwnerOnly.directory(file.getParent());
            if (Files.exists(file)) {
                OwnerOnly.file(file);
            } else {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                OwnerOnly.write(file, Base64.getEncoder().encodeToString(key));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the development key " + file, e);
        }
    }

    private static void writeSigningIdentity(Path keyFile, Path certificateFile) {
        try {
            // ECDSA P-256: a signature costs a fraction of an RSA-3072 one, and openssl cms verifies it
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=Overdracht embedded development signing key,O=Overdracht");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(pair.getPrivate()));
            StringWriter certificatePem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(certificatePem)) {
                writer.writeObject(holder);
            }
            // the certificate last: its presence says the identity is complete
            OwnerOnly.write(keyFile, DevSigningKey.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            OwnerOnly.write(certificateFile, certificatePem.toString());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not create the development signing identity", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the development signing identity", e);
        }
    }
}
