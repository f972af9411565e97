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
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of dossier revisions at rest.
 *
 * <p>{@link #seal}: a fresh random 256-bit data key (DEK) per call encrypts the plaintext in the
 * current stored format (format 1: AES-256-GCM, random 96-bit nonce, 128-bit tag, associated data
 * {@link Aad#canonicalBytes()}); the DEK is wrapped with AES Key Wrap (RFC 3394) under the ring's
 * current key-encryption key. The stored value is documented on {@link SealedData}, each format's
 * bytes on its {@link CiphertextFormat} class.
 *
 * <p>{@link #open} reads the format from the first stored byte ({@link CiphertextFormats}), so a
 * value sealed in any registered format opens, and unwraps with the key version the value names,
 * so values sealed before a rotation still open; {@link #rewrap} moves a value's DEK to the
 * current KEK without touching the ciphertext.
 *
 * <p>Failures throw {@link CryptoException} with a message naming the dossier and revision (and,
 * for an unknown format, its version number), never bytes; no partial plaintext is returned.
 * Thread-safe.
 */
@ApplicationScoped
public class DossierCipher {

    static final int DEK_BYTES = 32;
    private static final String KEY_WRAP = "AESWrap";

    private final KeyRing keyRing;
    private final CiphertextFormats formats;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public DossierCipher(KeyRing keyRing) {
        this(keyRing, CiphertextFormats.BUILT_IN);
    }

    /** A cipher reading and writing the given formats instead of the built-in ones. */
    DossierCipher(KeyRing keyRing, CiphertextFormats formats) {
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
        this.formats = Objects.requireNonNull(formats, "formats");
    }

    /** Encrypts one revision under a fresh data key, wrapped by the current key-encryption key. */
    public SealedData seal(byte[] plaintext, Aad aad) {
        CiphertextFormat format = formats.current();
        byte[] dek = new byte[DEK_BYTES];
        byte[] nonce = new byte[format.nonceBytes()];
        random.nextBytes(dek);
        random.nextBytes(nonce);
        try {
            return seal(format, plaintext, aad, dek, nonce);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /**
     * The deterministic core of {@link #seal(byte[], Aad)} in the registered format
     * {@code version}; package-private for golden vectors only.
     */
    SealedData seal(byte version, byte[] plaintext, Aad aad, byte[] dek, byte[] nonce) {
        return seal(formats.forVersion(version), plaintext, aad, dek, nonce);
    }

    private SealedData seal(CiphertextFormat format, byte[] plaintext, Aad aad, byte[] dek, byte[] nonce) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(aad, "aad");
        if (dek.length != DEK_BYTES || nonce.length != format.nonceBytes()) {
            throw new IllegalArgumentException("a data key is " + DEK_BYTES + " bytes and a format "
                    + Byte.toUnsignedInt(format.version()) + " nonce " + format.nonceBytes() + " bytes");
        }
        KeyEncryptionKey kek = keyRing.current();
        SecretKey dataKey = new SecretKeySpec(dek, "AES");
        try {
            byte[] ciphertext = format.seal(dataKey, nonce, plaintext, aad);
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
        CiphertextFormat format = formatOf(stored, aad);
        SecretKey dataKey = unwrap(sealed, aad);
        byte[] plaintext;
        try {
            plaintext = format.open(dataKey, stored, aad);
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

    /** The registered format the first stored byte names, when the bytes are long enough for it. */
    private CiphertextFormat formatOf(byte[] stored, Aad aad) {
        if (stored.length == 0) {
            throw failure(aad, "the stored ciphertext is empty", null);
        }
        CiphertextFormat format;
        try {
            format = formats.forVersion(stored[0]);
        } catch (CryptoException unknown) {
            throw failure(aad, unknown.getMessage(), null);
        }
        if (stored.length < format.overhead()) {
            throw failure(aad, "the stored ciphertext is too short for format version "
                    + Byte.toUnsignedInt(format.version()), null);
        }
        return format;
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
