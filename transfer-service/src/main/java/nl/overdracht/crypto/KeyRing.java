package nl.overdracht.crypto;

import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The versioned key-encryption keys (KEKs) and which one is current. New revisions are wrapped
 * under the current key; every configured version still unwraps, so a rotation is: add
 * {@code overdracht.crypto.kek.v2}, set {@code overdracht.crypto.kek-current=v2}, restart, and
 * optionally {@link DossierCipher#rewrap rewrap} old revisions before removing {@code v1}.
 *
 * <p>Configuration read ({@link #fromConfig}); no defaults, secrets:
 * <ul>
 *   <li>{@code overdracht.crypto.kek.<version>}: base64 of exactly 32 bytes, one property per
 *       version; {@code <version>} matches {@code [A-Za-z0-9._-]{1,32}}. As an environment
 *       variable: {@code OVERDRACHT_CRYPTO_KEK_<VERSION>} (the version is then lower-cased).</li>
 *   <li>{@code overdracht.crypto.kek-current}: the version new revisions are wrapped under.</li>
 * </ul>
 * Construction fails if the current version is missing or unknown, or any key is malformed.
 * {@code toString} names the versions only.
 */
public final class KeyRing {

    public static final String KEK_PREFIX = "overdracht.crypto.kek.";
    public static final String CURRENT_PROPERTY = "overdracht.crypto.kek-current";
    private static final String ENV_PREFIX = "OVERDRACHT_CRYPTO_KEK_";
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private final SortedMap<String, KeyEncryptionKey> keys;
    private final String currentVersion;

    private KeyRing(String currentVersion, Map<String, KeyEncryptionKey> keys) {
        this.keys = Collections.unmodifiableSortedMap(new TreeMap<>(keys));
        this.currentVersion = currentVersion;
        if (keys.isEmpty()) {
            throw new IllegalStateException("no key-encryption key is configured (" + KEK_PREFIX + "<version>)");
        }
        if (currentVersion == null || currentVersion.isBlank()) {
            throw new IllegalStateException(CURRENT_PROPERTY + " is not configured");
        }
        if (!this.keys.containsKey(currentVersion)) {
            throw new IllegalStateException(CURRENT_PROPERTY + " names version " + currentVersion
                    + ", which is not configured; configured: " + versions());
        }
    }

    /** A ring of the given keys, {@code current} being the version to wrap new data keys under. */
    public static KeyRing of(String current, Collection<KeyEncryptionKey> keys) {
        Map<String, KeyEncryptionKey> byVersion = new TreeMap<>();
        for (KeyEncryptionKey key : keys) {
            if (byVersion.put(key.version(), key) != null) {
                throw new IllegalArgumentException("key-encryption key version " + key.version() + " is given twice");
            }
        }
        return new KeyRing(current, byVersion);
    }

    /** Reads the ring from configuration, as documented on the type. */
    public static KeyRing fromConfig(Config config) {
        Map<String, KeyEncryptionKey> byVersion = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            String version = versionOf(name);
            if (version == null) {
                continue;
            }
            String value = config.getOptionalValue(name, String.class).orElse("");
            KeyEncryptionKey key = KeyEncryptionKey.of(version, decode(name, value));
            KeyEncryptionKey previous = byVersion.put(version, key);
            if (previous != null && !previous.key().equals(key.key())) {
                throw new IllegalStateException("key-encryption key " + version + " is configured twice, differently");
            }
        }
        String current = config.getOptionalValue(CURRENT_PROPERTY, String.class).orElse(null);
        return new KeyRing(current == null ? null : current.strip(), byVersion);
    }

    private static String versionOf(String propertyName) {
        String version;
        if (propertyName.startsWith(KEK_PREFIX)) {
            version = propertyName.substring(KEK_PREFIX.length());
        } else if (propertyName.startsWith(ENV_PREFIX)) {
            version = propertyName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
            if (version.equals("current")) {
                return null; // OVERDRACHT_CRYPTO_KEK_CURRENT is kek-current, not a key
            }
        } else {
            return null;
        }
        requireValidVersion(version);
        return version;
    }

    private static byte[] decode(String propertyName, String base64) {
        keyProblem(base64).ifPresent(problem -> {
            throw new IllegalStateException(propertyName + " " + problem);
        });
        return Base64.getDecoder().decode(base64.strip());
    }

    /** What keeps {@code base64} from being a key-encryption key, if anything; never quotes the key. */
    static Optional<String> keyProblem(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip()).length != KeyEncryptionKey.KEY_BYTES
                    ? Optional.of("must be base64 of exactly " + KeyEncryptionKey.KEY_BYTES + " bytes") : Optional.empty();
        } catch (IllegalArgumentException e) {
            // the decoder's message could quote the value: do not pass it on
            return Optional.of("is not valid base64");
        }
    }

    static void requireValidVersion(String version) {
        if (!isValidVersion(version)) {
            throw new IllegalArgumentException("a key version must match " + VERSION.pattern());
        }
    }

    static boolean isValidVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    static String versionPattern() {
        return VERSION.pattern();
    }

    /** The version new data keys are wrapped under. */
    public String currentVersion() {
        return currentVersion;
    }

    /** The current key-encryption key. */
    public KeyEncryptionKey current() {
        return keys.get(currentVersion);
    }

    /** The key of that version; {@link CryptoException} when it is not configured (any more). */
    public KeyEncryptionKey get(String version) {
        KeyEncryptionKey key = keys.get(Objects.requireNonNull(version, "version"));
        if (key == null) {
            throw new CryptoException("key-encryption key version " + version + " is not configured");
        }
        return key;
    }

    /** The configured versions, sorted. */
    public SortedSet<String> versions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(keys.keySet()));
    }

    @Override
    public String toString() {
        return "KeyRing[current=" + currentVersion + ", versions=" + keys.keySet() + "]";
    }
}
