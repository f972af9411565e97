package nl.overdracht.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS material of one {@link SecuredKafka}: a certificate authority made for it alone, the
 * broker's certificate from that authority (for {@value #HOST} and {@code localhost}), and two
 * PKCS12 files with random passwords: the broker's keystore (its key and chain) and the truststore
 * clients verify the broker with (the authority's certificate only). EC P-256 throughout; the
 * authority's key is never written anywhere and is gone once the stores are.
 *
 * @param keystore the broker's key and certificate chain
 * @param truststore the authority's certificate
 * @param password the password of both stores (and of the broker's key in its store)
 */
record BrokerTls(Path keystore, Path truststore, String password) {

    static final String HOST = "127.0.0.1";
    static final String STORE_TYPE = "PKCS12";
    private static final String SIGNATURE = "SHA256withECDSA";

    /** Creates the authority, the broker's certificate and both stores in {@code directory} (made 0700). */
    static BrokerTls create(Path directory) {
        try {
            OwnerOnly.directory(directory);
            KeyPair authorityKey = keyPair();
            X509Certificate authority = authority(authorityKey);
            KeyPair brokerKey = keyPair();
            X509Certificate broker = broker(brokerKey, authority, authorityKey);
            String password = randomSecret();
            Path keystore = directory.resolve("broker-keystore.p12");
            Path truststore = directory.resolve("truststore.p12");
            KeyStore keys = KeyStore.getInstance(STORE_TYPE);
            keys.load(null, null);
            keys.setKeyEntry("broker", brokerKey.getPrivate(), password.toCharArray(),
                    new Certificate[] {broker, authority});
            store(keys, keystore, password);
            KeyStore trusted = KeyStore.getInstance(STORE_TYPE);
            trusted.load(null, null);
            trusted.setCertificateEntry("overdracht-test-kafka-ca", authority);
            store(trusted, truststore, password);
            return new BrokerTls(keystore, truststore, password);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not make the test broker's certificates", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the test broker's stores in " + directory, e);
        }
    }

    /** A random secret of 24 bytes, base64url: safe inside a JAAS option and a properties file. */
    static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "BrokerTls[keystore=" + keystore + ", truststore=" + truststore + ", password=***]";
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate authority(KeyPair key) throws GeneralSecurityException, OperatorCreationException,
            IOException {
        X500Name name = new X500Name("CN=Overdracht test Kafka CA,O=Overdracht");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), notBefore(now),
                notAfter(now), name, key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key.getPublic()));
        return sign(builder, key);
    }

    private static X509Certificate broker(KeyPair key, X509Certificate authority, KeyPair authorityKey)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(authority, serial(), notBefore(now),
                notAfter(now), new X500Name("CN=" + HOST + ",O=Overdracht"), key.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, HOST), new GeneralName(GeneralName.dNSName, "localhost")}));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(authority));
        return sign(builder, authorityKey);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate())));
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
    }

    private static Date notBefore(Instant now) {
        return Date.from(now.minus(Duration.ofMinutes(5)));
    }

    private static Date notAfter(Instant now) {
        return Date.from(now.plus(Duration.ofDays(2)));
    }

    private static void store(KeyStore store, Path file, String password) throws GeneralSecurityException, IOException {
        OwnerOnly.write(file, "");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        OwnerOnly.file(file);
    }
}
