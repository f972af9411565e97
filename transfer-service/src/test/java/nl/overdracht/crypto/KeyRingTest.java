package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString(filled(32, 7));

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    @Test
    void readsEveryVersionAndTheCurrentOne() {
        KeyRing ring = KeyRing.fromConfig(config(Map.of(
                "overdracht.crypto.kek.v1", K1,
                "overdracht.crypto.kek.v2", K2,
                "overdracht.crypto.kek-current", "v2",
                "overdracht.crypto.blind-index-key", K1)));

        assertThat(ring.versions()).containsExactly("v1", "v2");
        assertThat(ring.currentVersion()).isEqualTo("v2");
        assertThat(ring.current().key().getEncoded()).isEqualTo(filled(32, 7));
        assertThat(ring.get("v1").key().getEncoded()).isEqualTo(new byte[32]);
    }

    @Test
    void readsEnvironmentStyleNames() {
        KeyRing ring = KeyRing.fromConfig(config(Map.of(
                "OVERDRACHT_CRYPTO_KEK_V3", K2,
                "OVERDRACHT_CRYPTO_KEK_CURRENT", "v3",
                "overdracht.crypto.kek-current", "v3")));

        assertThat(ring.versions()).containsExactly("v3");
    }

    @Test
    void missingCurrentFailsTheStart() {
        assertThatThrownBy(() -> KeyRing.fromConfig(config(Map.of("overdracht.crypto.kek.v1", K1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kek-current");
    }

    @Test
    void currentNamingAnUnconfiguredVersionFailsTheStart() {
        assertThatThrownBy(() -> KeyRing.fromConfig(config(Map.of(
                "overdracht.crypto.kek.v1", K1, "overdracht.crypto.kek-current", "v2"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("v2");
    }

    @Test
    void noKeysFailsTheStart() {
        assertThatThrownBy(() -> KeyRing.fromConfig(config(Map.of("overdracht.crypto.kek-current", "v1"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keyOfWrongLengthFailsWithoutQuotingIt() {
        String shortKey = Base64.getEncoder().encodeToString(filled(16, 1));
        Map<String, String> values = new HashMap<>(Map.of("overdracht.crypto.kek.v1", shortKey,
                "overdracht.crypto.kek-current", "v1"));

        assertThatThrownBy(() -> KeyRing.fromConfig(config(values)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("overdracht.crypto.kek.v1").hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void keyThatIsNotBase64FailsWithoutQuotingIt() {
        assertThatThrownBy(() -> KeyRing.fromConfig(config(Map.of(
                "overdracht.crypto.kek.v1", "not*base64!", "overdracht.crypto.kek-current", "v1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not*base64!").hasNoCause();
    }

    @Test
    void toStringNamesVersionsOnly() {
        KeyRing ring = KeyRing.fromConfig(config(Map.of(
                "overdracht.crypto.kek.v1", K1, "overdracht.crypto.kek.v2", K2, "overdracht.crypto.kek-current", "v1")));

        assertThat(ring).hasToString("KeyRing[current=v1, versions=[v1, v2]]");
    }
}
