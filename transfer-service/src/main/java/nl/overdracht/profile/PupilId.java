package nl.overdracht.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * A pupil's national identifier, checked by its kind's check-digit rule. The value is personal
 * data: {@link #toString()} redacts it, and no message of this class ever contains it.
 *
 * @param kind which number this is
 * @param value the digits only
 */
public record PupilId(Kind kind, String value) {

    /** The identifier kinds a dossier can carry. */
    public enum Kind {
        /** Dutch burgerservicenummer: 9 digits, eleven-test with weights 9..2 and -1, sum divisible by 11. */
        BSN,
        /** Dutch onderwijsnummer: 9 digits starting "10", same weights, sum modulo 11 equals 5. */
        ONDERWIJSNUMMER,
        /**
         * Belgian rijksregisternummer: 11 digits; the last two are 97 minus the first nine modulo 97,
         * with "2" put before the nine digits for births from 2000.
         */
        RIJKSREGISTERNUMMER
    }

    private static final int[] ELEVEN_TEST_WEIGHTS = {9, 8, 7, 6, 5, 4, 3, 2, -1};

    public PupilId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (!isValid(kind, value)) {
            throw new IllegalArgumentException("Not a valid " + kind + " (check digits or length)");
        }
    }

    /** The identifier if the value is valid for the kind; empty otherwise. */
    public static Optional<PupilId> parse(Kind kind, String value) {
        return value != null && isValid(kind, value) ? Optional.of(new PupilId(kind, value)) : Optional.empty();
    }

    public static boolean isValid(Kind kind, String value) {
        if (value == null) {
            return false;
        }
        return switch (kind) {
            case BSN -> digits(value, 9) && elevenTestRemainder(value) == 0 && !value.equals("000000000");
            case ONDERWIJSNUMMER -> digits(value, 9) && value.startsWith("10") && elevenTestRemainder(value) == 5;
            case RIJKSREGISTERNUMMER -> digits(value, 11) && rijksregisterCheck(value);
        };
    }

    private static boolean digits(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int elevenTestRemainder(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * ELEVEN_TEST_WEIGHTS[i];
        }
        return Math.floorMod(sum, 11);
    }

    private static boolean rijksregisterCheck(String value) {
        long base = Long.parseLong(value.substring(0, 9));
        int check = Integer.parseInt(value.substring(9));
        return check == 97 - (int) (base % 97) || check == 97 - (int) ((2_000_000_000L + base) % 97);
    }

    @Override
    public String toString() {
        return "PupilId[kind=" + kind + ", value=***]";
    }
}
