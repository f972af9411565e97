package nl.overdracht.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Loads Overdracht's signing identity from the configured PEM files ({@code overdracht.signing.*}). */
@ApplicationScoped
public class SigningIdentityProducer {

    /** The identity in the PEM files {@link SigningConfig} names; no defaults. */
    @Produces
    @Singleton
    SigningIdentity signingIdentity(SigningConfig config) {
        return new SigningIdentity(readPrivateKey(config.privateKey().orElseThrow(() -> notConfigured("private-key"))),
                readCertificate(config.certificate().orElseThrow(() -> notConfigured("certificate"))));
    }

    private static IllegalStateException notConfigured(String name) {
        return new IllegalStateException("overdracht.signing." + name + " is not configured");
    }

    static PrivateKey readPrivateKey(Path file) {
        Object parsed = readPem(file);
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new IllegalStateException("the signing key in " + file + " cannot be read", e);
        }
        throw new IllegalStateException(file + " does not hold an unencrypted PEM private key");
    }

    static X509Certificate readCertificate(Path file) {
        Object parsed = readPem(file);
        if (!(parsed instanceof X509CertificateHolder holder)) {
            throw new IllegalStateException(file + " does not hold a PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException("the certificate in " + file + " cannot be read", e);
        }
    }

    private static Object readPem(Path file) {
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
