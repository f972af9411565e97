package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.overdracht.testing.OpenSsl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with OpenSSL's {@code cms} command: what Overdracht packages, OpenSSL decrypts
 * and verifies to the exact bytes, and a package OpenSSL makes, {@link CmsPackages} opens.
 * openssl is found on {@code PATH}; where it is missing the tests are skipped, on CI they fail
 * (see {@link OpenSsl}). Keys and ciphertexts go to a temporary directory.
 */
class CmsOpensslInteropTest {

    private static final byte[] CONTENT = ("{\"leerling\":{\"achternaam\":\"Öztürk\",\"bsn\":\"123456782\"},"
            + "\"tekst\":\"line one\r\nline two\n\u0000binary\"}").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static OpenSsl openssl;
    private static TestCertificates.Issued overdracht;
    private static TestCertificates.Issued overdrachtEc;
    private static TestCertificates.Issued rsaSchool;
    private static TestCertificates.Issued ecSchool;

    @BeforeAll
    static void keys() {
        openssl = OpenSsl.require();
        overdracht = TestCertificates.rsa("CN=Overdracht test signing key,O=Overdracht", 3072)
                .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature
                        | org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation)
                .issue();
        overdrachtEc = TestCertificates.ec("CN=Overdracht test signing key P-256,O=Overdracht", "secp256r1")
                .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature
                        | org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation)
                .issue();
        rsaSchool = TestCertificates.rsa("CN=School RSA 3072", 3072).issue();
        ecSchool = TestCertificates.ec("CN=School EC P-384", "secp384r1").issue();
    }

    @Test
    void opensslDecryptsAndVerifiesAnRsaCbcPackage() throws Exception {
        assertThat(opensslOpens(ContentEncryption.AES256_CBC, rsaSchool)).isEqualTo(CONTENT);
    }

    @Test
    void opensslDecryptsAndVerifiesAnRsaGcmPackage() throws Exception {
        assertThat(opensslOpens(ContentEncryption.AES256_GCM, rsaSchool)).isEqualTo(CONTENT);
    }

    @Test
    void opensslDecryptsAndVerifiesAnEcCbcPackage() throws Exception {
        assertThat(opensslOpens(ContentEncryption.AES256_CBC, ecSchool)).isEqualTo(CONTENT);
    }

    @Test
    void opensslDecryptsAndVerifiesAnEcGcmPackage() throws Exception {
        assertThat(opensslOpens(ContentEncryption.AES256_GCM, ecSchool)).isEqualTo(CONTENT);
    }

    @Test
    void opensslVerifiesAPackageSignedWithAnEcdsaP256Identity() throws Exception {
        assertThat(opensslOpens(overdrachtEc, ContentEncryption.AES256_CBC, rsaSchool)).isEqualTo(CONTENT);
        assertThat(opensslOpens(overdrachtEc, ContentEncryption.AES256_GCM, ecSchool)).isEqualTo(CONTENT);
    }

    @Test
    void packageMadeByOpensslOpensWithCmsPackages() throws Exception {
        // Given: OpenSSL signs (SHA-256, content attached) and encrypts with RSA-OAEP and AES-256-CBC
        overdracht.writePem(dir, "signer");
        rsaSchool.writePem(dir, "school");
        Files.write(dir.resolve("content.bin"), CONTENT);
        openssl.run(dir, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-outform", "DER",
                "-in", "content.bin", "-signer", "signer-cert.pem", "-inkey", "signer-key.pem", "-out", "signed.der");
        openssl.run(dir, "cms", "-encrypt", "-binary", "-aes-256-cbc", "-inform", "DER", "-outform", "DER",
                "-in", "signed.der",
                "-recip", "school-cert.pem", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256",
                "-keyopt", "rsa_mgf1_md:sha256", "-out", "package.der");

        // When / Then
        assertThat(CmsPackages.decryptAndVerify(Files.readAllBytes(dir.resolve("package.der")),
                rsaSchool.privateKey(), overdracht.certificate())).isEqualTo(CONTENT);
    }

    private byte[] opensslOpens(ContentEncryption mode, TestCertificates.Issued school) throws Exception {
        return opensslOpens(overdracht, mode, school);
    }

    private byte[] opensslOpens(TestCertificates.Issued signer, ContentEncryption mode, TestCertificates.Issued school)
            throws Exception {
        // Given
        signer.writePem(dir, "signer");
        school.writePem(dir, "school");
        byte[] pkg = new CmsPackager(signer.asSigningIdentity()).signAndEncrypt(CONTENT, school.certificate(), mode);
        Files.write(dir.resolve("package.der"), pkg);

        // When: decrypt to the inner SignedData, then verify it against the self-signed signer as trust anchor
        openssl.decryptAndVerify(dir, "package.der", "school-cert.pem", "school-key.pem", "signer-cert.pem",
                "content.out");

        // Then
        return Files.readAllBytes(dir.resolve("content.out"));
    }
}
