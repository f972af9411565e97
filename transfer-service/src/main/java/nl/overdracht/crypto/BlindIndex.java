package nl.overdracht.crypto;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed blind index for matching identifiers that are stored encrypted (pupil numbers,
 * BSN, rijksregisternummer): equal inputs give equal indexes, and without the key the index
 * says nothing about the value.
 *
 * <p>{@code of(kind, value) = HMAC-SHA256(key, UTF-8(kind ‖ ":" ‖ value))}, 32 bytes. The kind
 * separates identifier types (the same digits as a BSN and as an onderwijsnummer index
 * differently); it must not contain {@code ':'} so the input is unambiguous. The caller
 * normalises the value first (for example strips spaces and dots); this class does not.
 *
 * <p>Configuration: {@code overdracht.crypto.blind-index-key}, base64 of at least 32 bytes, no
 * default, read at start. Changing the key invalidates every stored index.
 */
@ApplicationScoped
@Startup
public class BlindIndex {

    public static final String KEY_PROPERTY = "overdracht.crypto.blind-index-key";
    static final int MIN_KEY_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    @Inject
    BlindIndex(CryptoConfig config) {
        this(config.blindIndexKey().orElseThrow(() -> new IllegalStateException(KEY_PROPERTY + " is not configured")));
    }

    /** An index with this base64 key, as {@value #KEY_PROPERTY} gives it. */
    public BlindIndex(String base64Key) {
        this(decode(base64Key));
    }

    /** An index with this raw key; the array is copied. */
    public BlindIndex(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(KEY_PROPERTY + " must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, HMAC);
    }

    /** What keeps {@code base64Key} from being a blind index key, if anything; never quotes the key. */
    static Optional<String> keyProblem(String base64Key) {
        try {
            return Base64.getDecoder().decode(base64Key.strip()).length < MIN_KEY_BYTES
                    ? Optional.of("must be base64 of at least " + MIN_KEY_BYTES + " bytes") : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("is not valid base64");
        }
    }

    private static byte[] decode(String base64Key) {
        try {
            return Base64.getDecoder().decode(Objects.requireNonNull(base64Key, KEY_PROPERTY).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(KEY_PROPERTY + " is not valid base64");
        }
    }

    /** The 32-byte index of an already normalised value of that kind. */
    public byte[] of(String kind, String normalizedValue) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(normalizedValue, "normalizedValue");
        if (kind.isEmpty() || kind.indexOf(':') >= 0) {
            throw new IllegalArgumentException("kind must be non-empty and without ':'");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal((kind + ":" + normalizedValue).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("computing a blind index failed", e);
        }
    }

    @Override
    public String toString() {
        return "BlindIndex[key=***]";
    }
}
