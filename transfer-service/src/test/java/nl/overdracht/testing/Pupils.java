package nl.overdracht.testing;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh fictional pupils for tests that share one service: every call gives an identifier that
 * passes its check digits and that no other test uses, so enrolments never match by accident.
 */
public final class Pupils {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Pupils() {
    }

    /** A BSN (nine digits, eleven-test) not handed out before in this run, and not the samples' own. */
    public static String bsn() {
        while (true) {
            String eight = String.format("%08d", 70_000_000 + NEXT.incrementAndGet());
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (eight.charAt(i) - '0') * (9 - i);
            }
            int check = sum % 11;
            if (check < 10) {
                return eight + check;
            }
        }
    }

    /** A rijksregisternummer (born from 2012, so mod 97 with the "2" prefix) not handed out before in this run. */
    public static String rijksregisternummer() {
        int n = NEXT.incrementAndGet();
        LocalDate born = LocalDate.of(2012, 1, 1).plusDays(n / 900);
        String nine = String.format("%02d%02d%02d%03d", born.getYear() % 100, born.getMonthValue(),
                born.getDayOfMonth(), 100 + n % 900);
        long check = 97 - (2_000_000_000L + Long.parseLong(nine)) % 97;
        return nine + String.format("%02d", check);
    }
}
