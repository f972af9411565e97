package nl.overdracht.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/** The checks a school's side makes on a package, on packages made here the way Overdracht makes them. */
class PackageOpenerTest {

    private static final byte[] DOSSIER = "<dossier>content</dossier>".getBytes(StandardCharsets.UTF_8);

    private final Identity school = Identity.make("CN=Receiving school 00YY00");
    private final Identity overdracht = Identity.make("CN=Overdracht");

    @Test
    void a_package_signed_by_overdracht_and_encrypted_to_the_school_opens_to_the_exact_bytes() throws Exception {
        byte[] cms = pack(envelope(DOSSIER, sha256Hex(DOSSIER), DOSSIER.length), overdracht, school);

        PackageOpener.Opened opened = new PackageOpener(school.keys().getPrivate(), school.certificate(),
                overdracht.certificate()).open(cms);

        assertThat(opened.content()).isEqualTo(DOSSIER);
        assertThat(opened.contentSha256()).isEqualTo(sha256Hex(DOSSIER));
        assertThat(opened.manifest().path("dossierId").asText()).isEqualTo("3f1d2c3b-0000-4000-8000-000000000001");
    }

    @Test
    void a_package_to_an_ec_school_opens_ecdh_with_the_x963_key_derivation_as_overdracht_makes_it() throws Exception {
        Identity ecSchool = Identity.make("CN=Receiving school 00YY01", "EC");
        byte[] cms = pack(envelope(DOSSIER, sha256Hex(DOSSIER), DOSSIER.length), overdracht, ecSchool);

        PackageOpener.Opened opened = new PackageOpener(ecSchool.keys().getPrivate(), ecSchool.certificate(),
                overdracht.certificate()).open(cms);

        assertThat(opened.content()).isEqualTo(DOSSIER);
    }

    @Test
    void an_auth_enveloped_package_aes_gcm_opens() throws Exception {
        byte[] signed = sign(envelope(DOSSIER, sha256Hex(DOSSIER), DOSSIER.length), overdracht);
        CMSAuthEnvelopedDataGenerator enveloping = new CMSAuthEnvelopedDataGenerator();
        enveloping.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(school.certificate()));
        OutputAEADEncryptor gcm = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .setProvider(new BouncyCastleProvider()).build();
        byte[] cms = enveloping.generate(new CMSProcessableByteArray(signed), gcm).getEncoded();

        PackageOpener.Opened opened = new PackageOpener(school.keys().getPrivate(), school.certificate(),
                overdracht.certificate()).open(cms);

        assertThat(opened.content()).isEqualTo(DOSSIER);
    }

    @Test
    void a_package_signed_by_another_key_is_refused() throws Exception {
        Identity impostor = Identity.make("CN=Overdracht");
        byte[] cms = pack(envelope(DOSSIER, sha256Hex(DOSSIER), DOSSIER.length), impostor, school);

        assertThatThrownBy(() -> new PackageOpener(school.keys().getPrivate(), school.certificate(),
                overdracht.certificate()).open(cms))
                .isInstanceOf(PackageOpener.RefusedPackage.class).hasMessageContaining("not signed by Overdracht");
    }

    @Test
    void content_that_is_not_what_the_manifest_names_is_refused() throws Exception {
        byte[] cms = pack(envelope(DOSSIER, sha256Hex("other".getBytes(StandardCharsets.UTF_8)), DOSSIER.length),
                overdracht, school);

        assertThatThrownBy(() -> new PackageOpener(school.keys().getPrivate(), school.certificate(),
                overdracht.certificate()).open(cms))
                .isInstanceOf(PackageOpener.RefusedPackage.class).hasMessageContaining("contentSha256");
    }

    @Test
    void a_package_for_another_school_is_refused() throws Exception {
        Identity other = Identity.make("CN=Another school");
        byte[] cms = pack(envelope(DOSSIER, sha256Hex(DOSSIER), DOSSIER.length), overdracht, other);

        assertThatThrownBy(() -> new PackageOpener(school.keys().getPrivate(), school.certificate(),
                overdracht.certificate()).open(cms))
                .isInstanceOf(PackageOpener.RefusedPackage.class).hasMessageContaining("not encrypted to the school");
    }

    private static byte[] envelope(byte[] content, String sha256, int length) {
        return ("{\"format\":\"overdracht-delivery/1\",\"manifest\":{\"deliveryId\":\"3f1d2c3b-0000-4000-8000-000000000001\","
                + "\"dossierId\":\"3f1d2c3b-0000-4000-8000-000000000001\",\"contentSha256\":\"" + sha256
                + "\",\"contentLength\":" + length + "},\"content\":\"" + Base64.getEncoder().encodeToString(content) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sign(byte[] envelope, Identity signer) throws Exception {
        CMSSignedDataGenerator signing = new CMSSignedDataGenerator();
        signing.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.keys().getPrivate()), signer.certificate()));
        return signing.generate(new CMSProcessableByteArray(envelope), true).getEncoded();
    }

    /** Signed, then enveloped to {@code recipient}: key transport for RSA, ephemeral-static ECDH for EC. */
    private static byte[] pack(byte[] envelope, Identity signer, Identity recipient) throws Exception {
        byte[] signed = sign(envelope, signer);
        CMSEnvelopedDataGenerator enveloping = new CMSEnvelopedDataGenerator();
        if (recipient.keys().getPublic().getAlgorithm().equals("EC")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair ephemeral = generator.generateKeyPair();
            enveloping.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                    ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                    .addRecipient(recipient.certificate()).setProvider(new BouncyCastleProvider()));
        } else {
            enveloping.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient.certificate()));
        }
        return enveloping.generate(new CMSProcessableByteArray(signed),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build()).getEncoded();
    }

    private static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(PackageOpener.sha256(bytes));
    }

    /** A key pair and a self-signed certificate for it. */
    private record Identity(KeyPair keys, X509Certificate certificate) {
        static Identity make(String subject) {
            return make(subject, "RSA");
        }

        static Identity make(String subject, String algorithm) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
                if (algorithm.equals("EC")) {
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                } else {
                    generator.initialize(2048);
                }
                KeyPair keys = generator.generateKeyPair();
                Instant now = Instant.now();
                X500Name name = new X500Name(subject);
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                        new JcaX509v3CertificateBuilder(name, new BigInteger(64, new java.security.SecureRandom()),
                                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                                keys.getPublic()).build(new JcaContentSignerBuilder(algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA")
                                .build(keys.getPrivate())));
                return new Identity(keys, certificate);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
