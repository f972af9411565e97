package nl.overdracht.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Stored ciphertext format 1: AES-256-GCM, the format the service writes.
 *
 * <pre>
 *   offset   length   content
 *   0        1        0x01, the format version
 *   1        12       nonce, random per seal
 *   13       n        AES-256-GCM ciphertext of the n plaintext bytes
 *   13 + n   16       GCM tag (128 bits)
 * </pre>
 * The GCM key is the data key; the associated data is {@link Aad#canonicalBytes()} (Aad encoding
 * 0x01). The stored form is the plaintext length plus 29 bytes.
 *
 * <p>Pinned by {@code src/test/resources/vectors/dossier-cipher-v1.json}; bytes in this format are
 * stored, so nothing here changes.
 */
final class CiphertextFormatV1 implements CiphertextFormat {

    static final CiphertextFormatV1 INSTANCE = new CiphertextFormatV1();

    static final byte VERSION = 0x01;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final int HEADER = 1 + NONCE_BYTES;
    private static final String GCM = "AES/GCM/NoPadding";

    private CiphertextFormatV1() {
    }

    @Override
    public byte version() {
        return VERSION;
    }

    @Override
    public int nonceBytes() {
        return NONCE_BYTES;
    }

    @Override
    public int overhead() {
        return HEADER + TAG_BITS / 8;
    }

    @Override
    public byte[] seal(SecretKey dataKey, byte[] nonce, byte[] plaintext, Aad aad) throws GeneralSecurityException {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a format 1 nonce is " + NONCE_BYTES + " bytes");
        }
        Cipher gcm = Cipher.getInstance(GCM);
        gcm.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
        gcm.updateAAD(aad.canonicalBytes());
        byte[] stored = new byte[HEADER + gcm.getOutputSize(plaintext.length)];
        stored[0] = VERSION;
        System.arraycopy(nonce, 0, stored, 1, NONCE_BYTES);
        gcm.doFinal(plaintext, 0, plaintext.length, stored, HEADER);
        return stored;
    }

    @Override
    public byte[] open(SecretKey dataKey, byte[] stored, Aad aad) throws GeneralSecurityException {
        if (stored.length < overhead() || stored[0] != VERSION) {
            throw new IllegalArgumentException("not a format 1 ciphertext");
        }
        Cipher gcm = Cipher.getInstance(GCM);
        gcm.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
        gcm.updateAAD(aad.canonicalBytes());
        return gcm.doFinal(stored, HEADER, stored.length - HEADER);
    }

    @Override
    public String toString() {
        return "CiphertextFormat[version=1, AES-256-GCM]";
    }
}
