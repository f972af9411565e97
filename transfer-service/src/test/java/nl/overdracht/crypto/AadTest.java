package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AadTest {

    private static final UUID DOSSIER = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

    @Test
    void canonicalBytesAreVersionIdRevisionAndLengthPrefixedProfile() {
        // Given / When
        byte[] encoded = new Aad(DOSSIER, 2, "nl-po-oso-2024").canonicalBytes();

        // Then: 01 | uuid (16) | 00000002 | 000e | "nl-po-oso-2024"
        assertThat(Hex.hex(encoded)).isEqualTo(
                "01" + "3f2504e04f8941d39a0c0305e82c3301" + "00000002" + "000e" + "6e6c2d706f2d6f736f2d32303234");
    }

    @Test
    void profileIsEncodedAsUtf8() {
        assertThat(Hex.hex(new Aad(DOSSIER, 1, "é").canonicalBytes())).endsWith("0002c3a9");
    }

    @Test
    void differentFieldsGiveDifferentBytes() {
        assertThat(new Aad(DOSSIER, 1, "p").canonicalBytes())
                .isNotEqualTo(new Aad(DOSSIER, 2, "p").canonicalBytes())
                .isNotEqualTo(new Aad(UUID.randomUUID(), 1, "p").canonicalBytes())
                .isNotEqualTo(new Aad(DOSSIER, 1, "q").canonicalBytes());
    }

    @Test
    void invalidValuesAreRefused() {
        assertThatThrownBy(() -> new Aad(DOSSIER, 0, "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Aad(DOSSIER, 1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Aad(DOSSIER, 1, " p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Aad(DOSSIER, 1, "x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Aad(null, 1, "p")).isInstanceOf(NullPointerException.class);
    }
}
