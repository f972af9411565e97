package nl.overdracht.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * TEST ONLY, not a format the service writes or reads: an example format 2 that proves a second
 * format is added beside format 1 rather than edited into it. A real format 2 would look like this,
 * with the next unused version byte, its vectors in {@code vectors/dossier-cipher-v2.json}, and an
 * entry in {@link CiphertextFormats#BUILT_IN}.
 *
 * <pre>
 *   offset   length   content
 *   0        1        0x02, the format version
 *   1        12       nonce, random per seal
 *   13       n        ChaCha20-Poly1305 ciphertext of the n plaintext bytes
 *   13 + n   16       Poly1305 tag
 * </pre>
 * Key: the data key; associated data: {@code 0x02 ‖} {@link Aad#canonicalBytes()}. Pinned by
 * {@code vectors/example-format-2.json}.
 */
final class ExampleCiphertextFormatV2 implements CiphertextFormat {

    static final ExampleCiphertextFormatV2 INSTANCE = new ExampleCiphertextFormatV2();

    private static final byte VERSION = 0x02;
    private static final int NONCE_BYTES = 12;
    private static final int HEADER = 1 + NONCE_BYTES;
    private static final int TAG_BYTES = 16;
    private static final String CHACHA = "ChaCha20-Poly1305";

    private ExampleCiphertextFormatV2() {
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
        return HEADER + TAG_BYTES;
    }

    @Override
    public byte[] seal(SecretKey dataKey, byte[] nonce, byte[] plaintext, Aad aad) throws GeneralSecurityException {
        Cipher chacha = cipher(Cipher.ENCRYPT_MODE, dataKey, nonce, 0, aad);
        byte[] stored = new byte[HEADER + chacha.getOutputSize(plaintext.length)];
        stored[0] = VERSION;
        System.arraycopy(nonce, 0, stored, 1, NONCE_BYTES);
        chacha.doFinal(plaintext, 0, plaintext.length, stored, HEADER);
        return stored;
    }

    @Override
    public byte[] open(SecretKey dataKey, byte[] stored, Aad aad) throws GeneralSecurityException {
        return cipher(Cipher.DECRYPT_MODE, dataKey, stored, 1, aad).doFinal(stored, HEADER, stored.length - HEADER);
    }

    private static Cipher cipher(int mode, SecretKey dataKey, byte[] nonce, int nonceOffset, Aad aad)
            throws GeneralSecurityException {
        Cipher chacha = Cipher.getInstance(CHACHA);
        chacha.init(mode, new SecretKeySpec(dataKey.getEncoded(), "ChaCha20"),
                new IvParameterSpec(nonce, nonceOffset, NONCE_BYTES));
        chacha.updateAAD(new byte[] {VERSION});
        chacha.updateAAD(aad.canonicalBytes());
        return chacha;
    }
}
