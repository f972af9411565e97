package nl.overdracht.crypto;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code overdracht.signing.*}: Overdracht's signing identity, which signs delivery packages and audit
 * checkpoints. Secrets, no defaults (the embedded development run supplies a development identity).
 * Kept under its own prefix, beside {@link CryptoConfig}, because the property names predate it. Both
 * are required; they are optional here only so that {@link SigningSettingsCheck} names them together
 * with every other missing setting.
 */
@Unremovable
@ConfigMapping(prefix = "overdracht.signing")
public interface SigningConfig {

    /** PKCS#8 (or traditional) PEM file of the unencrypted private key. */
    Optional<Path> privateKey();

    /** PEM file of that key's certificate. */
    Optional<Path> certificate();
}
