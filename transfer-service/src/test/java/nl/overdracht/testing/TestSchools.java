package nl.overdracht.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Fresh registry school ids for tests that share one database (every call gives a new one, with
 * vestiging 10..99 so they never meet {@link Pupils#school()}'s), and PEM text for uploads.
 */
public final class TestSchools {

    private static final AtomicInteger NEXT = new AtomicInteger(new Random().nextInt(5000));
    private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXZ";

    private TestSchools() {
    }

    /** A Dutch id, BRIN plus vestiging: two digits, two letters, two digits. */
    public static String dutch() {
        int n = NEXT.incrementAndGet();
        return String.format("%02d%c%c%02d", n % 100, LETTERS.charAt(n / 100 % LETTERS.length()),
                LETTERS.charAt(n / 2200 % LETTERS.length()), 10 + n % 90);
    }

    /** A Flemish instellingsnummer: six digits. */
    public static String flemish() {
        return String.format("%06d", 100_000 + NEXT.incrementAndGet() * 7 % 900_000);
    }

    /** One PEM object (a certificate, a key) as text. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
