package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class CertificatePolicyTest {

    private static final Instant NOW = Instant.now();
    private final CertificatePolicy policy = new CertificatePolicy();

    @Test
    void rsa2048WithKeyEnciphermentIsAccepted() {
        assertThat(policy.problems(TestCertificates.rsa("CN=rsa2048", 2048).issue().certificate(), NOW)).isEmpty();
    }

    @Test
    void rsaBelow2048BitsIsRefused() {
        var cert = TestCertificates.rsa("CN=rsa1024", 1024).issue().certificate();

        assertThat(policy.problems(cert, NOW)).containsExactly("RSA key of 1024 bits; at least 2048 required");
    }

    @Test
    void ecOnEachNistCurveIsAccepted() {
        for (String curve : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            var cert = TestCertificates.ec("CN=ec " + curve, curve).issue().certificate();
            assertThat(policy.problems(cert, NOW)).as(curve).isEmpty();
        }
    }

    @Test
    void ecOnAnotherCurveIsRefused() {
        var cert = TestCertificates.ec("CN=ec k1", "secp256k1").issue().certificate();

        assertThat(policy.problems(cert, NOW)).singleElement().asString()
                .contains("curve 1.3.132.0.10").contains("P-256, P-384 or P-521 required");
    }

    @Test
    void otherKeyTypesAreRefused() {
        var cert = TestCertificates.ed25519("CN=ed25519").issue().certificate();

        assertThat(policy.problems(cert, NOW)).containsExactly("EdDSA key; RSA or EC required");
    }

    @Test
    void rsaWithoutKeyEnciphermentIsRefused() {
        var cert = TestCertificates.rsa("CN=rsa2048", 2048).keyUsage(KeyUsage.digitalSignature).issue().certificate();

        assertThat(policy.problems(cert, NOW)).singleElement().asString().contains("keyEncipherment");
    }

    @Test
    void ecWithoutKeyAgreementIsRefused() {
        var cert = TestCertificates.ec("CN=ec p256", "secp256r1").keyUsage(KeyUsage.digitalSignature).issue()
                .certificate();

        assertThat(policy.problems(cert, NOW)).singleElement().asString().contains("keyAgreement");
    }

    @Test
    void absentKeyUsageExtensionAllowsEncryption() {
        assertThat(policy.problems(TestCertificates.rsa("CN=rsa2048", 2048).noKeyUsage().issue().certificate(), NOW))
                .isEmpty();
        assertThat(policy.problems(TestCertificates.ec("CN=ec p256", "secp256r1").noKeyUsage().issue().certificate(),
                NOW)).isEmpty();
    }

    @Test
    void expiredCertificateIsRefused() {
        var cert = TestCertificates.rsa("CN=rsa2048", 2048)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))).issue().certificate();

        assertThat(policy.problems(cert, NOW)).singleElement().asString().startsWith("expired on ");
    }

    @Test
    void notYetValidCertificateIsRefused() {
        var cert = TestCertificates.rsa("CN=rsa2048", 2048)
                .validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))).issue().certificate();

        assertThat(policy.problems(cert, NOW)).singleElement().asString().startsWith("not yet valid");
    }

    @Test
    void everyProblemIsListed() {
        var cert = TestCertificates.rsa("CN=rsa1024", 1024).keyUsage(KeyUsage.digitalSignature)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))).issue().certificate();

        assertThat(policy.problems(cert, NOW)).hasSize(3);
    }
}
