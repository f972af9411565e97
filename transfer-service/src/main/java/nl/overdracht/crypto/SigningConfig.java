package nl.overdracht.crypto;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/**
 * {@code overdracht.signing.*}: Overdracht's signing identity, which signs delivery packages and audit
 * checkpoints. Secrets, no defaults (the embedded development run supplies a development identity).
 * Kept under its own prefix, beside {@link CryptoConfig}, because the property names predate it.
 */
@ConfigMapping(prefix = "overdracht.signing")
public interface SigningConfig {

    /** PKCS#8 (or traditional) PEM file of the unencrypted private key. */
    Path privateKey();

    /** PEM file of that key's certificate. */
    Path certificate();
}
