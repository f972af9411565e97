package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import nl.overdracht.crypto.GoldenVectors.GoldenVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a second stored format is registered beside format 1, shown with the test-only
 * {@link ExampleCiphertextFormatV2}: it opens its own golden bytes, format 1 bytes still open, and
 * switching the current format changes only what new values are sealed in.
 */
class SecondCiphertextFormatTest {

    private static final CiphertextFormat V1 = CiphertextFormatV1.INSTANCE;
    private static final CiphertextFormat V2 = ExampleCiphertextFormatV2.INSTANCE;

    /** Release one: format 2 is read, format 1 is still written. */
    private static final CiphertextFormats READS_BOTH = CiphertextFormats.of(V1, V1, V2);

    /** A later release: format 2 is written, format 1 is still read. */
    private static final CiphertextFormats WRITES_TWO = CiphertextFormats.of(V2, V1, V2);

    static List<GoldenVector> formatTwoVectors() {
        return GoldenVectors.load("vectors/example-format-2.json");
    }

    static List<GoldenVector> formatOneVectors() {
        return GoldenVectors.load(GoldenVectors.resourceOf(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formatTwoVectors")
    void theSecondFormatOpensItsOwnGoldenBytes(GoldenVector vector) {
        assertThat(vector.cipher(READS_BOTH).open(vector.stored(), vector.aad())).isEqualTo(vector.plaintext());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formatTwoVectors")
    void sealingInTheSecondFormatWithTheFixedDataKeyAndNonceReproducesItsGoldenBytes(GoldenVector vector) {
        // When
        SealedData sealed = vector.cipher(READS_BOTH).seal(vector.format(), vector.plaintext(), vector.aad(),
                vector.dataKey(), vector.nonce());

        // Then
        assertThat(sealed).isEqualTo(vector.stored());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formatOneVectors")
    void formatOneBytesStillOpenWithTheSecondFormatRegistered(GoldenVector vector) {
        assertThat(vector.cipher(READS_BOTH).open(vector.stored(), vector.aad())).isEqualTo(vector.plaintext());
        assertThat(vector.cipher(WRITES_TWO).open(vector.stored(), vector.aad())).isEqualTo(vector.plaintext());
    }

    @Test
    void registeringTheSecondFormatDoesNotChangeWhatIsWritten() {
        // Given
        GoldenVector vector = formatOneVectors().get(0);

        // When
        SealedData sealed = vector.cipher(READS_BOTH).seal(vector.plaintext(), vector.aad());

        // Then
        assertThat(sealed.ciphertext()[0]).isEqualTo((byte) 0x01);
    }

    @Test
    void onceTheSecondFormatIsCurrentNewValuesAreSealedInItAndOpen() {
        // Given
        GoldenVector vector = formatOneVectors().get(0);
        DossierCipher cipher = vector.cipher(WRITES_TWO);

        // When
        SealedData sealed = cipher.seal(vector.plaintext(), vector.aad());

        // Then
        assertThat(sealed.ciphertext()[0]).isEqualTo((byte) 0x02);
        assertThat(sealed.ciphertextLength()).isEqualTo(vector.plaintext().length + V2.overhead());
        assertThat(cipher.open(sealed, vector.aad())).isEqualTo(vector.plaintext());
    }

    @Test
    void theFirstByteChoosesTheFormatSoFormatTwoBytesRelabelledAsFormatOneDoNotOpen() {
        // Given
        GoldenVector vector = formatTwoVectors().get(0);
        byte[] relabelled = vector.stored().ciphertext();
        relabelled[0] = 0x01;
        SealedData tampered = new SealedData(relabelled, vector.stored().wrappedKey(), vector.stored().keyVersion(),
                vector.stored().plaintextSha256());

        // When / Then
        assertThatThrownBy(() -> vector.cipher(READS_BOTH).open(tampered, vector.aad()))
                .isInstanceOf(CryptoException.class).hasMessageContaining("authentication failed").hasNoCause();
    }

    @Test
    void aServiceThatDoesNotKnowTheSecondFormatRefusesItsBytesNamingTheVersion() {
        // Given
        GoldenVector vector = formatTwoVectors().get(0);

        // When / Then
        assertThatThrownBy(() -> vector.cipher(CiphertextFormats.BUILT_IN).open(vector.stored(), vector.aad()))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("no stored ciphertext format has version 2")
                .hasNoCause();
    }
}
