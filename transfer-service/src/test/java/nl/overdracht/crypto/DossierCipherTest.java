package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DossierCipherTest {

    private static final byte[] PLAINTEXT =
            "{\"leerling\":{\"achternaam\":\"Jansen\",\"bsn\":\"123456782\"}}".getBytes(StandardCharsets.UTF_8);
    private static final Aad AAD = new Aad(UUID.fromString("9d7f4d5e-1c2b-4a3f-8e6d-5c4b3a291807"), 1, "nl-po-oso-2024");

    private static KeyEncryptionKey key(String version) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return KeyEncryptionKey.of(version, raw);
    }

    private static final KeyEncryptionKey V1 = key("v1");
    private static final KeyEncryptionKey V2 = key("v2");
    private final DossierCipher cipher = new DossierCipher(KeyRing.of("v1", List.of(V1)));

    @Test
    void sealedRevisionOpensToThePlaintext() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        assertThat(cipher.open(sealed, AAD)).isEqualTo(PLAINTEXT);
        assertThat(sealed.keyVersion()).isEqualTo("v1");
        assertThat(sealed.plaintextSha256()).isEqualTo(DossierCipher.sha256(PLAINTEXT));
    }

    @Test
    void emptyPlaintextRoundTrips() {
        SealedData sealed = cipher.seal(new byte[0], AAD);

        assertThat(cipher.open(sealed, AAD)).isEmpty();
    }

    @Test
    void ciphertextDoesNotContainThePlaintextOrAnyLongPartOfIt() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        String stored = new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("Jansen").doesNotContain("123456782").doesNotContain("leerling");
        assertThat(new String(sealed.wrappedKey(), StandardCharsets.ISO_8859_1)).doesNotContain("Jansen");
    }

    @Test
    void eachSealUsesAFreshDataKeyAndNonce() {
        SealedData first = cipher.seal(PLAINTEXT, AAD);
        SealedData second = cipher.seal(PLAINTEXT, AAD);

        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(first.wrappedKey()).isNotEqualTo(second.wrappedKey());
        assertThat(java.util.Arrays.copyOfRange(first.ciphertext(), 1, 13))
                .isNotEqualTo(java.util.Arrays.copyOfRange(second.ciphertext(), 1, 13));
    }

    @Test
    void wrongDossierIdDoesNotOpen() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        assertThatThrownBy(() -> cipher.open(sealed, new Aad(UUID.randomUUID(), 1, AAD.profile())))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("authentication failed")
                .hasNoCause();
    }

    @Test
    void wrongRevisionDoesNotOpen() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        assertThatThrownBy(() -> cipher.open(sealed, new Aad(AAD.dossierId(), 2, AAD.profile())))
                .isInstanceOf(CryptoException.class).hasMessageContaining("authentication failed");
    }

    @Test
    void wrongProfileDoesNotOpen() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        assertThatThrownBy(() -> cipher.open(sealed, new Aad(AAD.dossierId(), 1, "be-baso-2024")))
                .isInstanceOf(CryptoException.class).hasMessageContaining("authentication failed");
    }

    @Test
    void everyFlippedCiphertextByteIsDetected() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);
        byte[] stored = sealed.ciphertext();

        for (int i = 0; i < stored.length; i++) {
            byte[] tampered = stored.clone();
            tampered[i] ^= 0x01;
            SealedData bad = new SealedData(tampered, sealed.wrappedKey(), "v1", sealed.plaintextSha256());
            assertThatThrownBy(() -> cipher.open(bad, AAD)).as("byte %d", i).isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void tamperedWrappedKeyIsDetected() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);
        byte[] wrapped = sealed.wrappedKey();
        wrapped[5] ^= 0x40;

        SealedData bad = new SealedData(sealed.ciphertext(), wrapped, "v1", sealed.plaintextSha256());
        assertThatThrownBy(() -> cipher.open(bad, AAD))
                .isInstanceOf(CryptoException.class).hasMessageContaining("does not unwrap").hasNoCause();
    }

    @Test
    void truncatedCiphertextIsRefused() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        SealedData bad = new SealedData(java.util.Arrays.copyOf(sealed.ciphertext(), 20), sealed.wrappedKey(),
                "v1", sealed.plaintextSha256());
        assertThatThrownBy(() -> cipher.open(bad, AAD))
                .isInstanceOf(CryptoException.class).hasMessageContaining("too short for format version 1");
    }

    @Test
    void sealWritesTheCurrentFormat() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        assertThat(sealed.ciphertext()[0]).isEqualTo(CiphertextFormats.BUILT_IN.current().version());
        assertThat(sealed.ciphertextLength()).isEqualTo(PLAINTEXT.length + 29);
    }

    @Test
    void unknownFormatVersionIsRefusedNamingTheVersionButNoBytes() {
        // Given: a stored value whose first byte names a format the service does not know
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);
        byte[] stored = sealed.ciphertext();
        stored[0] = 0x07;
        SealedData unknown = new SealedData(stored, sealed.wrappedKey(), "v1", sealed.plaintextSha256());

        // When / Then
        assertThatThrownBy(() -> cipher.open(unknown, AAD))
                .isInstanceOf(CryptoException.class)
                .hasMessage("cannot open revision 1 of dossier " + AAD.dossierId()
                        + ": no stored ciphertext format has version 7; known versions: [1]")
                .hasNoCause();
    }

    @Test
    void emptyCiphertextIsRefused() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        SealedData empty = new SealedData(new byte[0], sealed.wrappedKey(), "v1", sealed.plaintextSha256());
        assertThatThrownBy(() -> cipher.open(empty, AAD))
                .isInstanceOf(CryptoException.class).hasMessageContaining("empty").hasNoCause();
    }

    @Test
    void wrongPlaintextHashIsDetected() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        SealedData bad = new SealedData(sealed.ciphertext(), sealed.wrappedKey(), "v1", new byte[32]);
        assertThatThrownBy(() -> cipher.open(bad, AAD))
                .isInstanceOf(CryptoException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void unknownKeyVersionIsRefused() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        SealedData other = new SealedData(sealed.ciphertext(), sealed.wrappedKey(), "v9", sealed.plaintextSha256());
        assertThatThrownBy(() -> cipher.open(other, AAD))
                .isInstanceOf(CryptoException.class).hasMessageContaining("v9").hasMessageContaining("not configured");
    }

    @Test
    void revisionSealedUnderOldKeyOpensAfterRotation() {
        // Given: sealed while v1 was current
        SealedData old = cipher.seal(PLAINTEXT, AAD);

        // When: v2 becomes current
        DossierCipher rotated = new DossierCipher(KeyRing.of("v2", List.of(V1, V2)));

        // Then
        assertThat(rotated.open(old, AAD)).isEqualTo(PLAINTEXT);
        assertThat(rotated.seal(PLAINTEXT, AAD).keyVersion()).isEqualTo("v2");
    }

    @Test
    void rewrapMovesTheDataKeyToTheCurrentKeyWithoutTouchingTheCiphertext() {
        // Given
        SealedData old = cipher.seal(PLAINTEXT, AAD);
        DossierCipher rotated = new DossierCipher(KeyRing.of("v2", List.of(V1, V2)));

        // When
        SealedData rewrapped = rotated.rewrap(old);

        // Then
        assertThat(rewrapped.keyVersion()).isEqualTo("v2");
        assertThat(rewrapped.ciphertext()).isEqualTo(old.ciphertext());
        assertThat(rewrapped.plaintextSha256()).isEqualTo(old.plaintextSha256());
        assertThat(rewrapped.wrappedKey()).isNotEqualTo(old.wrappedKey());
        assertThat(rotated.open(rewrapped, AAD)).isEqualTo(PLAINTEXT);
        // and once v1 is retired, only the rewrapped revision still opens
        DossierCipher v2Only = new DossierCipher(KeyRing.of("v2", List.of(V2)));
        assertThat(v2Only.open(rewrapped, AAD)).isEqualTo(PLAINTEXT);
        assertThatThrownBy(() -> v2Only.open(old, AAD)).isInstanceOf(CryptoException.class);
    }

    @Test
    void rewrapUnderTheCurrentKeyChangesNothing() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        assertThat(cipher.rewrap(sealed)).isEqualTo(sealed);
    }

    @Test
    void toStringShowsNoBytes() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);

        assertThat(sealed.toString())
                .isEqualTo("SealedData[ciphertext=" + (PLAINTEXT.length + 29) + " bytes, wrappedKey=40 bytes, keyVersion=v1]");
        assertThat(V1.toString()).isEqualTo("KeyEncryptionKey[version=v1, key=***]");
    }

    @Test
    void sealedRevisionCopiesItsArrays() {
        SealedData sealed = cipher.seal(PLAINTEXT, AAD);
        sealed.ciphertext()[0] = 0x7f;

        assertThat(cipher.open(sealed, AAD)).isEqualTo(PLAINTEXT);
    }
}
