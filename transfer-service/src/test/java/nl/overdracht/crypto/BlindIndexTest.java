package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    /** 0x40..0x5f; expected value from {@code openssl dgst -sha256 -mac HMAC -macopt hexkey:...}. */
    private static final byte[] KEY = Hex.bytes("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f");

    private final BlindIndex index = new BlindIndex(KEY);

    @Test
    void goldenVector() {
        assertThat(Hex.hex(index.of("bsn", "123456782")))
                .isEqualTo("552cf75eb1a880e1d1476c6247ef4b1b9d5eb22e46eb3550d255623b3ab8c5c6");
    }

    @Test
    void configuredBase64KeyGivesTheSameIndex() {
        BlindIndex configured = new BlindIndex(Base64.getEncoder().encodeToString(KEY));

        assertThat(configured.of("bsn", "123456782")).isEqualTo(index.of("bsn", "123456782"));
    }

    @Test
    void kindSeparatesIdentifierTypes() {
        assertThat(index.of("bsn", "123456782")).isNotEqualTo(index.of("onderwijsnummer", "123456782"));
    }

    @Test
    void kindWithColonIsRefusedSoTheInputStaysUnambiguous() {
        assertThatThrownBy(() -> index.of("bsn:1", "23")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.of("", "23")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortOrMalformedKeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new BlindIndex(new byte[16])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BlindIndex("%%secret%%"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("secret%%");
    }

    @Test
    void toStringHidesTheKey() {
        assertThat(index).hasToString("BlindIndex[key=***]");
    }
}
