package nl.overdracht.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.SecretKey;

/**
 * One version of the stored format of {@link SealedData#ciphertext()}: how a plaintext, under a
 * data key and bound to its {@link Aad}, becomes the stored bytes, and back.
 *
 * <p>The stored bytes of every format begin with its {@link #version()}, and {@link DossierCipher}
 * opens them with the format {@link CiphertextFormats} resolves from that first byte. So a format,
 * once bytes in it may be stored, is never edited: a change is a new format beside it, with the
 * next unused version byte and its own golden vectors
 * ({@code src/test/resources/vectors/dossier-cipher-v<version>.json}), and bytes in the older
 * format keep opening.
 *
 * <p>A format decides the ciphertext only. The envelope around it is the same for every format
 * and stays in {@link DossierCipher}: a fresh 32-byte data key per seal, wrapped with AES Key Wrap
 * under the key-encryption key the stored value names, and the plaintext SHA-256. That is why
 * re-wrapping a data key never reads or changes the ciphertext, whatever its format.
 *
 * <p>Implementations are stateless and thread-safe, and their exceptions carry no key,
 * plaintext or ciphertext bytes.
 */
interface CiphertextFormat {

    /** The first stored byte of this format; no two registered formats share it. */
    byte version();

    /** Length of the nonce {@link #seal} takes; the caller draws a fresh random one per seal. */
    int nonceBytes();

    /** How many bytes the stored form adds to the plaintext; stored bytes shorter than this are malformed. */
    int overhead();

    /**
     * The stored form of {@code plaintext}, beginning with {@link #version()}.
     *
     * @param nonce {@link #nonceBytes()} bytes, never used twice with the same data key
     */
    byte[] seal(SecretKey dataKey, byte[] nonce, byte[] plaintext, Aad aad) throws GeneralSecurityException;

    /**
     * The plaintext of {@code stored}, which begins with {@link #version()} and is at least
     * {@link #overhead()} bytes long.
     *
     * @throws javax.crypto.AEADBadTagException when the bytes, the data key and {@code aad} do not
     *     belong together (tampered, or moved to another dossier, revision or profile)
     */
    byte[] open(SecretKey dataKey, byte[] stored, Aad aad) throws GeneralSecurityException;
}
