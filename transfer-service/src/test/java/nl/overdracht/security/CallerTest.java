package nl.overdracht.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void a_school_token_gives_its_school() {
        Caller caller = new Caller("user@00YY00", Optional.of("00YY00"), Optional.empty(), Set.of(Roles.SENDING_SCHOOL));

        assertThat(caller.requireSchool()).isEqualTo("00YY00");
    }

    @Test
    void a_token_without_a_school_is_refused_with_403_naming_the_claim() {
        Caller caller = new Caller("op@noord", Optional.empty(), Optional.of("noord"), Set.of(Roles.OPERATOR));

        assertThatThrownBy(caller::requireSchool)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN))
                .hasMessageContaining("names no school")
                .hasMessageContaining(Caller.SCHOOL_CLAIM);
    }

    @Test
    void an_operator_token_gives_its_region() {
        Caller caller = new Caller("op@noord", Optional.empty(), Optional.of("noord"), Set.of(Roles.OPERATOR));

        assertThat(caller.requireRegion()).isEqualTo("noord");
    }

    @Test
    void a_token_without_a_region_is_refused_with_403_naming_the_claim() {
        Caller caller = new Caller("user@00YY00", Optional.of("00YY00"), Optional.empty(), Set.of(Roles.OPERATOR));

        assertThatThrownBy(caller::requireRegion)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN))
                .hasMessageContaining("names no region")
                .hasMessageContaining(Caller.REGION_CLAIM);
    }
}
