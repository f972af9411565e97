package nl.overdracht.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance the CMS code asks for where the JDK falls short (RSA-OAEP
 * parameters from CMS, ECDH with a KDF, the CMS AES-GCM content encryptor, CMS decryption, and the
 * packages' ECDSA signatures, where its P-256 arithmetic is faster); it is not registered globally, so
 * the rest of the JVM keeps its default providers. RSA signatures, digests and AES-CBC use the JDK's
 * providers, whose AES and SHA use the CPU's instructions.
 */
final class BouncyCastle {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
