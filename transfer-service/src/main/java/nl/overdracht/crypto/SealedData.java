package nl.overdracht.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * One dossier revision (or sealed field) as stored: the ciphertext, its data key wrapped by a
 * key-encryption key, the version of that key, and the SHA-256 of the plaintext.
 *
 * <p>{@code ciphertext} begins with its format version byte, which {@link CiphertextFormats}
 * resolves to the format that opens it; each format documents its bytes on its class. The service
 * writes format 1 ({@link CiphertextFormatV1}):
 * <pre>
 *   0x01 ‖ nonce (12 bytes) ‖ AES-256-GCM ciphertext (same length as the plaintext) ‖ tag (16 bytes)
 * </pre>
 * with the GCM associated data being {@link Aad#canonicalBytes()}. {@code wrappedKey}, the same
 * for every format, is the 32-byte data key wrapped with AES Key Wrap (RFC 3394, default IV
 * {@code A6A6A6A6A6A6A6A6}) under the key-encryption key {@code keyVersion}: 40 bytes.
 *
 * <p>{@code plaintextSha256} lets callers compare revisions and chain audit entries without
 * decrypting; {@link DossierCipher#open} checks it as well. It is unkeyed: anyone holding it can
 * confirm a guessed plaintext, which is harmless for whole dossiers but means it must never be
 * computed this way over a single short field (use {@link BlindIndex} for those).
 *
 * <p>Arrays are copied in and out; {@code toString} prints lengths and the key version only.
 */
public record SealedData(byte[] ciphertext, byte[] wrappedKey, String keyVersion, byte[] plaintextSha256) {

    public SealedData {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        Objects.requireNonNull(plaintextSha256, "plaintextSha256");
        KeyRing.requireValidVersion(keyVersion);
        if (plaintextSha256.length != 32) {
            throw new IllegalArgumentException("plaintextSha256 must be 32 bytes");
        }
        ciphertext = ciphertext.clone();
        wrappedKey = wrappedKey.clone();
        plaintextSha256 = plaintextSha256.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    @Override
    public byte[] plaintextSha256() {
        return plaintextSha256.clone();
    }

    /** Length of the stored ciphertext, without copying it. */
    public int ciphertextLength() {
        return ciphertext.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedData that
                && Arrays.equals(ciphertext, that.ciphertext)
                && Arrays.equals(wrappedKey, that.wrappedKey)
                && keyVersion.equals(that.keyVersion)
                && Arrays.equals(plaintextSha256, that.plaintextSha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ciphertext), Arrays.hashCode(wrappedKey), keyVersion,
                Arrays.hashCode(plaintextSha256));
    }

    @Override
    public String toString() {
        return "SealedData[ciphertext=" + ciphertext.length + " bytes, wrappedKey=" + wrappedKey.length
                + " bytes, keyVersion=" + keyVersion + "]";
    }
}
