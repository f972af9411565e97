package nl.overdracht.crypto;

import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One versioned AES-256 key-encryption key. {@code toString} names the version only.
 *
 * @param version the version label, as in {@code overdracht.crypto.kek.<version>}
 * @param key the 32-byte AES key
 */
public record KeyEncryptionKey(String version, SecretKey key) {

    public static final int KEY_BYTES = 32;

    public KeyEncryptionKey {
        KeyRing.requireValidVersion(version);
        Objects.requireNonNull(key, "key");
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != KEY_BYTES) {
            throw new IllegalArgumentException("key-encryption key " + version + " must be " + KEY_BYTES + " bytes");
        }
    }

    /** A key from its raw bytes; the array is copied. */
    public static KeyEncryptionKey of(String version, byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("key-encryption key " + version + " must be " + KEY_BYTES + " bytes");
        }
        return new KeyEncryptionKey(version, new SecretKeySpec(raw, "AES"));
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[version=" + version + ", key=***]";
    }
}
