package nl.overdracht.crypto;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Seals and opens throw-away data at start, on a background thread, so that the JIT compiles the
 * AES-GCM and SHA-256 paths with the CPU's instructions before real dossiers arrive: until it
 * does, the JDK runs them several times slower in plain Java. The data is zeros under a fresh
 * random key and never leaves the thread. {@code overdracht.crypto.warm-up-rounds=0} turns it off.
 */
@ApplicationScoped
public class CryptoWarmUp {

    private static final Logger LOG = Logger.getLogger(CryptoWarmUp.class);
    private static final int SIZE = 16 * 1024;

    /** {@link CryptoConfig#warmUpRounds()}. */
    int rounds;

    @Inject
    void configure(CryptoConfig config) {
        rounds = config.warmUpRounds();
    }

    void onStart(@Observes StartupEvent start, DossierCipher cipher) {
        if (rounds <= 0) {
            return;
        }
        Thread thread = new Thread(() -> run(cipher), "crypto-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void run(DossierCipher cipher) {
        long started = System.nanoTime();
        byte[] zeros = new byte[SIZE];
        Aad aad = Aad.forField(UUID.randomUUID(), "warm-up");
        for (int i = 0; i < rounds; i++) {
            SealedData sealed = cipher.seal(zeros, aad);
            if (i % 8 == 0) {
                cipher.open(sealed, aad);
            }
        }
        LOG.debugf("Crypto warm-up: %d rounds in %d ms", rounds, (System.nanoTime() - started) / 1_000_000);
    }
}
