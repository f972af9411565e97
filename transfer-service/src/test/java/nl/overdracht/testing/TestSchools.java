package nl.overdracht.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Fresh school ids for tests that share one database, from one counter so that no two calls in a
 * run give the same id, and PEM text for certificate uploads.
 */
public final class TestSchools {

    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(5_000));
    /** Capital letters for generated BRINs; no Z, so the OSO samples' own school ({@code 99ZZ00}) never comes up. */
    private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWX";

    private TestSchools() {
    }

    /** A Dutch id, BRIN plus vestiging: two digits, two letters, two digits. */
    public static String dutch() {
        int n = NEXT.incrementAndGet();
        return dutch(n, "" + LETTERS.charAt(n / 100 % LETTERS.length()) + LETTERS.charAt(n / 2_100 % LETTERS.length()));
    }

    /**
     * A Dutch id with {@code letters} (two capital letters) as its BRIN's letters, such as
     * {@code 12ES34}: the letters say in a log which part a school plays in a test.
     */
    public static String dutch(String letters) {
        if (!letters.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("A BRIN has two capital letters: " + letters);
        }
        return dutch(NEXT.incrementAndGet(), letters);
    }

    /** The digits carry {@code n} modulo 10,000, so ids stay distinct whatever the letters. */
    private static String dutch(int n, String letters) {
        int digits = n % 10_000;
        return String.format("%02d%s%02d", digits / 100, letters, digits % 100);
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
