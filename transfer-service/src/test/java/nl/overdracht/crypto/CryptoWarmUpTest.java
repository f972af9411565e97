package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The warm-up holds readiness back until it has run, and only then. */
class CryptoWarmUpTest {

    @Test
    void readiness_is_down_until_the_warm_up_has_run() {
        CryptoWarmUp warmUp = new CryptoWarmUp();
        warmUp.rounds(200);

        HealthCheckResponse before = warmUp.call();
        assertThat(before.getName()).isEqualTo("Crypto warm-up");
        assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        warmUp.run(new DossierCipher(KeyRing.of("v1", List.of(KeyEncryptionKey.of("v1", random32())))));

        HealthCheckResponse after = warmUp.call();
        assertThat(after.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(after.getData().orElseThrow()).containsEntry("rounds", 200L);
    }

    @Test
    void without_rounds_it_is_ready_at_once() {
        CryptoWarmUp warmUp = new CryptoWarmUp();
        warmUp.rounds(0);

        assertThat(warmUp.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    private static byte[] random32() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return raw;
    }
}
