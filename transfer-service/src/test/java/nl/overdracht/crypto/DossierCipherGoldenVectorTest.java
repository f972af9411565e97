package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pins the stored format. The expected bytes were computed independently (Python
 * {@code cryptography}: AESGCM and aes_key_wrap); the key and data key are the RFC 3394 §4.6
 * test vector, so the wrapped key is that RFC's published output.
 */
class DossierCipherGoldenVectorTest {

    static final byte[] KEK = Hex.bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final byte[] DEK = Hex.bytes("00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f");
    static final byte[] NONCE = Hex.bytes("cafebabefacedbaddecaf888");
    static final byte[] PLAINTEXT =
            "{\"leerling\":{\"naam\":\"Golden Vector\"},\"revisie\":2}".getBytes(StandardCharsets.UTF_8);
    static final Aad AAD = new Aad(UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301"), 2, "nl-po-oso-2024");

    static final String CIPHERTEXT = "01" + "cafebabefacedbaddecaf888"
            + "cbecb78191828ac591a682bf4a468b4cf0f76604e3ed88f8b086a0e92192bf27ebbf0e654d4d29f7e32d7bd47c0de3f76d"
            + "3db78e4576cd1f6d2f9e425bb474b943";
    static final String WRAPPED_KEY = "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21";
    static final String PLAINTEXT_SHA256 = "7206c7128ec4fcd17a4f38d7df483521650da0f52ddb36a26d192e4329cbbb7d";

    private final DossierCipher cipher =
            new DossierCipher(KeyRing.of("v1", List.of(KeyEncryptionKey.of("v1", KEK))));

    @Test
    void sealWithFixedKeysProducesTheGoldenBytes() {
        // When
        SealedData sealed = cipher.seal(CiphertextFormatV1.VERSION, PLAINTEXT, AAD, DEK, NONCE);

        // Then
        assertThat(Hex.hex(sealed.ciphertext())).isEqualTo(CIPHERTEXT);
        assertThat(Hex.hex(sealed.wrappedKey())).isEqualTo(WRAPPED_KEY);
        assertThat(Hex.hex(sealed.plaintextSha256())).isEqualTo(PLAINTEXT_SHA256);
        assertThat(sealed.keyVersion()).isEqualTo("v1");
    }

    @Test
    void storedGoldenVectorOpens() {
        // Given
        SealedData stored = new SealedData(Hex.bytes(CIPHERTEXT), Hex.bytes(WRAPPED_KEY), "v1",
                Hex.bytes(PLAINTEXT_SHA256));

        // When / Then
        assertThat(cipher.open(stored, AAD)).isEqualTo(PLAINTEXT);
    }

    @Test
    void storedLengthIsPlaintextPlusTwentyNineBytes() {
        assertThat(Hex.bytes(CIPHERTEXT)).hasSize(PLAINTEXT.length + 1 + 12 + 16);
    }
}
