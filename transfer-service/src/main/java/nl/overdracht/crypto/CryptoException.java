package nl.overdracht.crypto;

/**
 * A cryptographic operation failed: authentication of a ciphertext, an unknown key version, a
 * malformed stored format, or an unusable key or certificate.
 *
 * <p>Contract: the message names what failed and, at most, ids and key versions; it never holds a
 * key, a plaintext or ciphertext bytes. Callers map it to a generic server error and fail closed.
 */
public class CryptoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
