package nl.overdracht.crypto;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Seals and opens throw-away data at start, on a background thread, so that the JIT compiles the
 * AES-GCM and SHA-256 paths with the CPU's instructions before real dossiers arrive: until it
 * does, the JDK runs them several times slower in plain Java. The data is zeros under a fresh
 * random key and never leaves the thread. {@code overdracht.crypto.warm-up-rounds=0} turns it off.
 *
 * <p>Readiness waits for it: an instance takes no requests while the warm-up still competes with
 * them for the cores, and answers its first ones at full speed.
 */
@Readiness
@ApplicationScoped
public class CryptoWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(CryptoWarmUp.class);
    private static final String NAME = "Crypto warm-up";
    private static final int SIZE = 16 * 1024;

    /** {@link CryptoConfig#warmUpRounds()}. */
    int rounds;

    private volatile boolean done;

    @Inject
    void configure(CryptoConfig config) {
        rounds(config.warmUpRounds());
    }

    void rounds(int rounds) {
        this.rounds = rounds;
        done = rounds <= 0;
    }

    void onStart(@Observes StartupEvent start, DossierCipher cipher) {
        if (done) {
            return;
        }
        Thread thread = new Thread(() -> run(cipher), "crypto-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    void run(DossierCipher cipher) {
        long started = System.nanoTime();
        byte[] zeros = new byte[SIZE];
        Aad aad = Aad.forField(UUID.randomUUID(), "warm-up");
        try {
            for (int i = 0; i < rounds; i++) {
                SealedData sealed = cipher.seal(zeros, aad);
                if (i % 8 == 0) {
                    cipher.open(sealed, aad);
                }
            }
            LOG.infof("Crypto warm-up done: %d rounds in %d ms", rounds, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            // not a reason to stay out of service: the real work runs the same code, only slower at first
            LOG.warnf("Crypto warm-up stopped early (%s)", e.getClass().getSimpleName());
        } finally {
            done = true;
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(done).withData("rounds", rounds).build();
    }
}
