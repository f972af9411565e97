package nl.overdracht.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of dossier revisions at rest.
 *
 * <p>{@link #seal}: a fresh random 256-bit data key (DEK) per call encrypts the plaintext with
 * AES-256-GCM (random 96-bit nonce, 128-bit tag, associated data {@link Aad#canonicalBytes()});
 * the DEK is wrapped with AES Key Wrap (RFC 3394) under the ring's current key-encryption key.
 * The stored format is documented on {@link SealedData}.
 *
 * <p>{@link #open} unwraps with the key version the revision names, so revisions sealed before a
 * rotation still open; {@link #rewrap} moves a revision's DEK to the current KEK without touching
 * the ciphertext.
 *
 * <p>Failures throw {@link CryptoException} with a message naming the dossier and revision, never
 * bytes; no partial plaintext is returned. Thread-safe.
 */
@ApplicationScoped
public class DossierCipher {

    static final byte FORMAT_VERSION = 0x01;
    static final int DEK_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;
    private static final String GCM = "AES/GCM/NoPadding";
    private static final String KEY_WRAP = "AESWrap";

    private final KeyRing keyRing;
    private final SecureRandom random;

    @Inject
    public DossierCipher(KeyRing keyRing) {
        this(keyRing, new SecureRandom());
    }

    DossierCipher(KeyRing keyRing, SecureRandom random) {
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Encrypts one revision under a fresh data key, wrapped by the current key-encryption key. */
    public SealedData seal(byte[] plaintext, Aad aad) {
        byte[] dek = new byte[DEK_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(dek);
        random.nextBytes(nonce);
        try {
            return seal(plaintext, aad, dek, nonce);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /** The deterministic core of {@link #seal(byte[], Aad)}; package-private for golden vectors only. */
    SealedData seal(byte[] plaintext, Aad aad, byte[] dek, byte[] nonce) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(aad, "aad");
        if (dek.length != DEK_BYTES || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a data key is 32 bytes and a nonce 12 bytes");
        }
        KeyEncryptionKey kek = keyRing.current();
        SecretKey dataKey = new SecretKeySpec(dek, "AES");
        try {
            Cipher gcm = Cipher.getInstance(GCM);
            gcm.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad.canonicalBytes());
            byte[] ciphertext = new byte[1 + NONCE_BYTES + gcm.getOutputSize(plaintext.length)];
            ciphertext[0] = FORMAT_VERSION;
            System.arraycopy(nonce, 0, ciphertext, 1, NONCE_BYTES);
            gcm.doFinal(plaintext, 0, plaintext.length, ciphertext, 1 + NONCE_BYTES);
            return new SealedData(ciphertext, wrap(kek, dataKey), kek.version(), sha256(plaintext));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("sealing revision " + aad.revision() + " of dossier " + aad.dossierId() + " failed", e);
        }
    }

    /** Decrypts a revision sealed for exactly this {@code aad}; any mismatch or tampering throws. */
    public byte[] open(SealedData sealed, Aad aad) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(aad, "aad");
        byte[] stored = sealed.ciphertext();
        if (stored.length < OVERHEAD || stored[0] != FORMAT_VERSION) {
            throw failure(aad, "the stored ciphertext is not in format version " + FORMAT_VERSION, null);
        }
        SecretKey dataKey = unwrap(sealed, aad);
        byte[] plaintext;
        try {
            Cipher gcm = Cipher.getInstance(GCM);
            gcm.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            gcm.updateAAD(aad.canonicalBytes());
            plaintext = gcm.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            // no cause chained: nothing from the failed decryption leaves this method
            throw failure(aad, "authentication failed (wrong dossier, revision or profile, or tampered data)", null);
        } catch (GeneralSecurityException e) {
            throw failure(aad, "decryption failed", e);
        }
        if (!MessageDigest.isEqual(sha256(plaintext), sealed.plaintextSha256())) {
            Arrays.fill(plaintext, (byte) 0);
            throw failure(aad, "the plaintext does not match the stored SHA-256", null);
        }
        return plaintext;
    }

    /**
     * The same revision with its data key wrapped under the current key-encryption key; the
     * ciphertext is unchanged. Returns {@code sealed} itself when it already uses the current key.
     */
    public SealedData rewrap(SealedData sealed) {
        Objects.requireNonNull(sealed, "sealed");
        if (keyRing.currentVersion().equals(sealed.keyVersion())) {
            return sealed;
        }
        return new SealedData(sealed.ciphertext(), rewrapKey(sealed.wrappedKey(), sealed.keyVersion()),
                keyRing.currentVersion(), sealed.plaintextSha256());
    }

    /**
     * A data key wrapped under {@code keyVersion}, wrapped again under the current key-encryption
     * key ({@link #currentKeyVersion()}). For stored fields that keep only the wrapped key and its
     * version beside their ciphertext, which stays as it is.
     */
    public byte[] rewrapKey(byte[] wrappedKey, String keyVersion) {
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        KeyEncryptionKey current = keyRing.current();
        SecretKey dataKey = unwrap(keyRing.get(keyVersion), wrappedKey, null);
        try {
            return wrap(current, dataKey);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("re-wrapping a data key under " + current.version() + " failed", e);
        }
    }

    /** The version new data keys are wrapped under. */
    public String currentKeyVersion() {
        return keyRing.currentVersion();
    }

    private static byte[] wrap(KeyEncryptionKey kek, SecretKey dataKey) throws GeneralSecurityException {
        Cipher wrap = Cipher.getInstance(KEY_WRAP);
        wrap.init(Cipher.WRAP_MODE, kek.key());
        return wrap.wrap(dataKey);
    }

    /** @param aad for the message only; null when not known */
    private SecretKey unwrap(SealedData sealed, Aad aad) {
        return unwrap(keyRing.get(sealed.keyVersion()), sealed.wrappedKey(), aad);
    }

    private static SecretKey unwrap(KeyEncryptionKey kek, byte[] wrappedKey, Aad aad) {
        try {
            Cipher unwrap = Cipher.getInstance(KEY_WRAP);
            unwrap.init(Cipher.UNWRAP_MODE, kek.key());
            Key key = unwrap.unwrap(wrappedKey, "AES", Cipher.SECRET_KEY);
            if (key.getEncoded() == null || key.getEncoded().length != DEK_BYTES) {
                throw new InvalidKeyException("unexpected data key length");
            }
            return (SecretKey) key;
        } catch (InvalidKeyException e) {
            throw failure(aad, "the data key does not unwrap under key-encryption key " + kek.version(), null);
        } catch (GeneralSecurityException e) {
            throw failure(aad, "unwrapping the data key failed", e);
        }
    }

    private static CryptoException failure(Aad aad, String what, Throwable cause) {
        String where = aad == null ? "a revision" : "revision " + aad.revision() + " of dossier " + aad.dossierId();
        return new CryptoException("cannot open " + where + ": " + what, cause);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
