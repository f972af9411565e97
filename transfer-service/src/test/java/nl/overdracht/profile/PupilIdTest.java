package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PupilIdTest {

    private static final int[] WEIGHTS = {9, 8, 7, 6, 5, 4, 3, 2, -1};

    @Test
    void knownBsnConstantsPassTheElevenTest() {
        assertThat(PupilId.isValid(PupilId.Kind.BSN, "123456782")).isTrue();
        assertThat(PupilId.isValid(PupilId.Kind.BSN, "111222333")).isTrue();
    }

    @Test
    void bsnWithAWrongCheckDigitOrLengthIsInvalid() {
        assertThat(PupilId.isValid(PupilId.Kind.BSN, "123456789")).isFalse();
        assertThat(PupilId.isValid(PupilId.Kind.BSN, "12345678")).isFalse();
        assertThat(PupilId.isValid(PupilId.Kind.BSN, "12345678a")).isFalse();
        assertThat(PupilId.isValid(PupilId.Kind.BSN, "000000000")).isFalse();
    }

    @Test
    void generatedBsnsAreValidAndEveryOtherLastDigitIsNot() {
        Random random = new Random(42);
        for (int n = 0; n < 200; n++) {
            String bsn = generate(random, "", 0);
            assertThat(PupilId.isValid(PupilId.Kind.BSN, bsn)).as("generated BSN").isTrue();
            char wrong = (char) ('0' + (bsn.charAt(8) - '0' + 1) % 10);
            assertThat(PupilId.isValid(PupilId.Kind.BSN, bsn.substring(0, 8) + wrong)).isFalse();
        }
    }

    @Test
    void onderwijsnummerNeedsRemainderFiveAndPrefixTen() {
        assertThat(PupilId.isValid(PupilId.Kind.ONDERWIJSNUMMER, "100000004")).isTrue();
        Random random = new Random(7);
        for (int n = 0; n < 100; n++) {
            String number = generate(random, "10", 5);
            assertThat(PupilId.isValid(PupilId.Kind.ONDERWIJSNUMMER, number)).as("generated onderwijsnummer").isTrue();
            assertThat(PupilId.isValid(PupilId.Kind.BSN, number)).as("an onderwijsnummer is no BSN").isFalse();
        }
        assertThat(PupilId.isValid(PupilId.Kind.ONDERWIJSNUMMER, "123456782")).isFalse();
        assertThat(PupilId.isValid(PupilId.Kind.ONDERWIJSNUMMER, "100000005")).isFalse();
    }

    @Test
    void rijksregisternummerChecksMod97WithTheTwoThousandPrefix() {
        // born 2015-03-01 (prefix 2) and 1985-07-16 (no prefix)
        assertThat(PupilId.isValid(PupilId.Kind.RIJKSREGISTERNUMMER, "15030112318")).isTrue();
        assertThat(PupilId.isValid(PupilId.Kind.RIJKSREGISTERNUMMER, "85071604548")).isTrue();
        assertThat(PupilId.isValid(PupilId.Kind.RIJKSREGISTERNUMMER, "15030112317")).isFalse();
        assertThat(PupilId.isValid(PupilId.Kind.RIJKSREGISTERNUMMER, "1503011231")).isFalse();
        Random random = new Random(3);
        for (int n = 0; n < 100; n++) {
            String nine = String.format("%09d", random.nextInt(1_000_000_000));
            boolean after2000 = random.nextBoolean();
            long base = Long.parseLong((after2000 ? "2" : "") + nine);
            String valid = nine + String.format("%02d", 97 - base % 97);
            assertThat(PupilId.isValid(PupilId.Kind.RIJKSREGISTERNUMMER, valid)).as("generated number").isTrue();
        }
    }

    @Test
    void toStringNeverShowsTheValue() {
        PupilId id = new PupilId(PupilId.Kind.BSN, "123456782");
        assertThat(id.toString()).doesNotContain("123456782").contains("BSN");
    }

    @Test
    void constructingAnInvalidIdFailsWithoutTheValueInTheMessage() {
        assertThatThrownBy(() -> new PupilId(PupilId.Kind.BSN, "123456789"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("123456789");
    }

    /** Nine digits with the given prefix whose weighted sum modulo 11 is the remainder. */
    private static String generate(Random random, String prefix, int remainder) {
        while (true) {
            StringBuilder digits = new StringBuilder(prefix);
            while (digits.length() < 9) {
                digits.append(random.nextInt(10));
            }
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * WEIGHTS[i];
            }
            if (Math.floorMod(sum, 11) == remainder && !digits.toString().equals("000000000")) {
                return digits.toString();
            }
        }
    }
}
