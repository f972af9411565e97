package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class CiphertextFormatsTest {

    private static final CiphertextFormat V1 = CiphertextFormatV1.INSTANCE;

    @Test
    void theServiceReadsAndWritesFormatOneOnly() {
        assertThat(CiphertextFormats.BUILT_IN.current()).isSameAs(V1);
        assertThat(CiphertextFormats.BUILT_IN.versions()).containsExactly(1);
        assertThat(CiphertextFormats.BUILT_IN.forVersion((byte) 0x01)).isSameAs(V1);
    }

    @Test
    void formatOneTakesATwelveByteNonceAndAddsTwentyNineBytes() {
        assertThat(V1.version()).isEqualTo((byte) 0x01);
        assertThat(V1.nonceBytes()).isEqualTo(12);
        assertThat(V1.overhead()).isEqualTo(1 + 12 + 16);
    }

    @Test
    void anUnknownVersionIsRefusedNamingTheVersionAndTheKnownOnes() {
        assertThatThrownBy(() -> CiphertextFormats.BUILT_IN.forVersion((byte) 0x07))
                .isInstanceOf(CryptoException.class)
                .hasMessage("no stored ciphertext format has version 7; known versions: [1]")
                .hasNoCause();
    }

    @Test
    void aVersionAbove127IsNamedAsAnUnsignedNumber() {
        assertThatThrownBy(() -> CiphertextFormats.BUILT_IN.forVersion((byte) 0xff))
                .isInstanceOf(CryptoException.class).hasMessageContaining("version 255;");
    }

    @Test
    void twoFormatsWithTheSameVersionAreRefused() {
        CiphertextFormat impostor = new DelegatingFormat(V1);

        assertThatThrownBy(() -> CiphertextFormats.of(V1, V1, impostor))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 1");
    }

    @Test
    void theCurrentFormatMustBeReadable() {
        CiphertextFormat unregistered = new DelegatingFormat(V1);

        assertThatThrownBy(() -> CiphertextFormats.of(unregistered, V1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be one of the readable formats");
    }

    @Test
    void toStringNamesVersionsOnly() {
        assertThat(CiphertextFormats.BUILT_IN).hasToString("CiphertextFormats[current=1, readable=[1]]");
    }

    /** Another implementation claiming the same version byte. */
    private record DelegatingFormat(CiphertextFormat delegate) implements CiphertextFormat {

        @Override
        public byte version() {
            return delegate.version();
        }

        @Override
        public int nonceBytes() {
            return delegate.nonceBytes();
        }

        @Override
        public int overhead() {
            return delegate.overhead();
        }

        @Override
        public byte[] seal(SecretKey dataKey, byte[] nonce, byte[] plaintext, Aad aad) throws GeneralSecurityException {
            return delegate.seal(dataKey, nonce, plaintext, aad);
        }

        @Override
        public byte[] open(SecretKey dataKey, byte[] stored, Aad aad) throws GeneralSecurityException {
            return delegate.open(dataKey, stored, aad);
        }
    }
}
