package nl.overdracht.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchoolIdTest {

    @Test
    void a_dutch_brin_with_its_vestiging_is_a_school_id() {
        assertThat(SchoolId.isValid("00YY00")).isTrue();
        assertThat(SchoolId.isValid("99ZZ01")).isTrue();
    }

    @Test
    void a_flemish_instellingsnummer_of_five_or_six_digits_is_a_school_id() {
        assertThat(SchoolId.isValid("12345")).isTrue();
        assertThat(SchoolId.isValid("012345")).isTrue();
    }

    @Test
    void a_brin_without_vestiging_or_in_lower_case_is_not() {
        assertThat(SchoolId.isValid("99ZZ")).isFalse();
        assertThat(SchoolId.isValid("99zz00")).isFalse();
        assertThat(SchoolId.isValid("999ZZ00")).isFalse();
    }

    @Test
    void other_letters_and_digits_blanks_or_nothing_are_not() {
        assertThat(SchoolId.isValid("ABCD1234")).isFalse();
        assertThat(SchoolId.isValid("1234")).isFalse();
        assertThat(SchoolId.isValid("1234567")).isFalse();
        assertThat(SchoolId.isValid(" 00YY00")).isFalse();
        assertThat(SchoolId.isValid("00YY00\n")).isFalse();
        assertThat(SchoolId.isValid("")).isFalse();
        assertThat(SchoolId.isValid(null)).isFalse();
    }

    @Test
    void the_bean_validation_form_and_the_check_agree() {
        for (String id : new String[] {"00YY00", "012345", "12345", "ABCD1234", "99zz00", "1234"}) {
            assertThat(id.matches(SchoolId.FORM)).as(id).isEqualTo(SchoolId.isValid(id));
        }
    }
}
