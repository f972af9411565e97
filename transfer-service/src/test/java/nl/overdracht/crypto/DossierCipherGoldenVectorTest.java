package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.overdracht.crypto.GoldenVectors.GoldenVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins every stored ciphertext format the service is built with by its golden vectors
 * ({@code vectors/dossier-cipher-v<version>.json}, one file per format version). The expected
 * bytes were computed independently (Python {@code cryptography}, see
 * {@code vectors/dossier-cipher-vectors.py}); the first format 1 vector's key-encryption key and
 * data key are the RFC 3394 §4.6 test vector, so its wrapped key is that RFC's published output.
 * A format added to {@link CiphertextFormats#BUILT_IN} is covered here once its file exists, and
 * fails here until it does.
 */
class DossierCipherGoldenVectorTest {

    static List<GoldenVector> vectors() {
        return GoldenVectors.ofBuiltInFormats();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void storedBytesOpenToThePlaintext(GoldenVector vector) {
        // Given
        DossierCipher cipher = vector.cipher(CiphertextFormats.BUILT_IN);

        // When
        byte[] opened = cipher.open(vector.stored(), vector.aad());

        // Then
        assertThat(opened).isEqualTo(vector.plaintext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void sealingWithTheFixedDataKeyAndNonceReproducesTheStoredBytes(GoldenVector vector) {
        // Given
        DossierCipher cipher = vector.cipher(CiphertextFormats.BUILT_IN);

        // When
        SealedData sealed = cipher.seal(vector.format(), vector.plaintext(), vector.aad(), vector.dataKey(),
                vector.nonce());

        // Then
        assertThat(Hex.hex(sealed.ciphertext())).isEqualTo(Hex.hex(vector.stored().ciphertext()));
        assertThat(Hex.hex(sealed.wrappedKey())).isEqualTo(Hex.hex(vector.stored().wrappedKey()));
        assertThat(Hex.hex(sealed.plaintextSha256())).isEqualTo(Hex.hex(vector.stored().plaintextSha256()));
        assertThat(sealed.keyVersion()).isEqualTo(vector.stored().keyVersion());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void associatedDataEncodesToTheVectorsCanonicalBytes(GoldenVector vector) {
        assertThat(Hex.hex(vector.aad().canonicalBytes())).isEqualTo(Hex.hex(vector.aadCanonical()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void storedBytesBeginWithTheFormatVersionAndAddTheFormatsOverhead(GoldenVector vector) {
        // Given
        CiphertextFormat format = CiphertextFormats.BUILT_IN.forVersion(vector.format());

        // Then
        assertThat(vector.stored().ciphertext()[0]).isEqualTo(vector.format());
        assertThat(vector.stored().ciphertextLength()).isEqualTo(vector.plaintext().length + format.overhead());
    }

    @Test
    void everyBuiltInFormatHasGoldenVectorsInItsOwnFile() {
        for (int version : CiphertextFormats.BUILT_IN.versions()) {
            assertThat(GoldenVectors.load(GoldenVectors.resourceOf(version)))
                    .as("vectors of format %d", version)
                    .isNotEmpty()
                    .allSatisfy(vector -> assertThat(Byte.toUnsignedInt(vector.format())).isEqualTo(version));
        }
    }
}
