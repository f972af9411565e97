package nl.overdracht.registry;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * An uploaded certificate: exactly one PEM {@code CERTIFICATE} block. Anything else (no
 * certificate, several, a private key) is a 400 {@code malformed-request}; a private key is
 * neither kept nor echoed.
 */
record PemCertificate(X509Certificate certificate, byte[] der, byte[] sha256) {

    private static final String POINTER = "/certificate";

    static PemCertificate parse(byte[] body) {
        Object first;
        Object second;
        try (PEMParser parser = new PEMParser(new StringReader(new String(body, StandardCharsets.US_ASCII)))) {
            first = parser.readObject();
            second = first == null ? null : parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw malformed("The body is not a PEM certificate.");
        }
        if (isPrivateKey(first) || isPrivateKey(second)) {
            throw malformed("The body holds a private key; send only the certificate, and keep the key at the school.");
        }
        if (!(first instanceof X509CertificateHolder holder)) {
            throw malformed("The body is not a PEM certificate (-----BEGIN CERTIFICATE-----).");
        }
        if (second != null) {
            throw malformed("Send exactly one certificate per request.");
        }
        try {
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            byte[] der = certificate.getEncoded();
            return new PemCertificate(certificate, der, MessageDigest.getInstance("SHA-256").digest(der));
        } catch (CertificateException e) {
            throw malformed("The certificate cannot be decoded.");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** {@code RSA-3072}, {@code EC-256}, ...: the key's type and size, for operators. */
    String keyAlgorithm() {
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        if (certificate.getPublicKey() instanceof ECPublicKey ec) {
            return "EC-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        return certificate.getPublicKey().getAlgorithm();
    }

    String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    @Override
    public String toString() {
        return "PemCertificate[keyAlgorithm=" + keyAlgorithm() + "]";
    }

    private static boolean isPrivateKey(Object pem) {
        return pem instanceof PrivateKeyInfo || pem instanceof PEMKeyPair || pem instanceof PEMEncryptedKeyPair
                || pem instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    private static ApiException malformed(String detail) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, detail,
                List.of(new Problem.FieldError(POINTER, detail, "not-a-certificate")));
    }
}
