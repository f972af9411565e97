package nl.overdracht.testing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import nl.overdracht.profile.SampleDossiers;

/**
 * Fresh fictional pupils for tests that share one service: every call gives an identifier that
 * passes its check digits and that no other test uses, so enrolments never match by accident.
 */
public final class Pupils {

    private static final AtomicInteger SCHOOLS = new AtomicInteger(ThreadLocalRandom.current().nextInt(100));

    private Pupils() {
    }

    /** A BSN (nine digits, eleven-test) not handed out before in this run. */
    public static String bsn() {
        return Transfers.bsn();
    }

    /** A rijksregisternummer (mod 97) not handed out before in this run. */
    public static String rijksregisternummer() {
        return Transfers.rijksregisternummer();
    }

    /** A Dutch school id (BRIN + vestiging) not handed out before in this run. */
    public static String school() {
        int n = SCHOOLS.getAndIncrement();
        return "%02d".formatted(n % 100) + (char) ('A' + n / 100 % 26) + (char) ('A' + n / 2600 % 26) + "00";
    }

    /** An OSO dossier of the transfer kind for the given BSN, sent by {@code school}. */
    public static byte[] oso(String transferKind, String bsn, String school) {
        return SampleDossiers.sentBy(SampleDossiers.oso(transferKind).replace(SampleDossiers.FICTIONAL_BSN, bsn), school)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A vl-baso dossier of the schema version for the given rijksregisternummer, sent by {@code school}. */
    public static byte[] baso(String version, String rijksregisternummer, String school) {
        return SampleDossiers.sentBy(SampleDossiers.baso(version)
                .replace(SampleDossiers.FICTIONAL_RIJKSREGISTERNUMMER, rijksregisternummer), school)
                .getBytes(StandardCharsets.UTF_8);
    }
}
