package nl.overdracht.crypto;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code overdracht.crypto.*}: the key-encryption keys, the blind index key, the re-wrap job and the
 * start-up warm-up. The keys are secrets and have no defaults (the embedded development run supplies
 * its own); {@link KeySettingsCheck} checks them at start. The signing identity is configured under {@code overdracht.signing.*} ({@link SigningConfig}).
 */
@Unremovable
@ConfigMapping(prefix = "overdracht.crypto")
public interface CryptoConfig {

    /**
     * The key-encryption keys, one per version ({@code overdracht.crypto.kek.<version>}): base64 of
     * exactly 32 bytes. {@link KeyRing#fromConfig} reads them by property name, so that it can refuse
     * a version given twice (as a property and as an environment variable) with different keys, and a
     * malformed or blank key, naming the property without quoting it.
     */
    Map<String, Optional<String>> kek();

    /** The key version new data keys are wrapped under; it must be one of {@link #kek()}'s versions. */
    Optional<String> kekCurrent();

    /**
     * Base64 key (at least 32 bytes) of the HMAC blind index over pupil ids; changing it invalidates
     * every stored index. Required: optional here only so that {@link KeySettingsCheck} names it
     * together with every other missing setting.
     */
    Optional<String> blindIndexKey();

    /**
     * How often the re-wrap job looks for data keys under an older key-encryption key (read by the
     * job's {@code @Scheduled} expression, whose fallback is the same value).
     */
    @WithDefault("10m")
    Duration rewrapInterval();

    /** Rows re-wrapped per transaction. */
    @WithDefault("200")
    int rewrapBatchSize();

    /**
     * Throw-away seal operations on a background thread at start, so that the JIT compiles AES-GCM and
     * SHA-256 with the CPU's instructions before real dossiers arrive; 0 turns the warm-up off.
     */
    @WithDefault("20000")
    int warmUpRounds();
}
