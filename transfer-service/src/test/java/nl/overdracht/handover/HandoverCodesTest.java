package nl.overdracht.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixed lists and the patterns the requests are validated with say the same. */
class HandoverCodesTest {

    @Test
    void the_validation_patterns_list_exactly_the_roles_and_the_reasons() {
        assertThat(List.of(HandoverCodes.PARTICIPANT_ROLE_PATTERN.split("\\|")))
                .containsExactlyElementsOf(HandoverCodes.PARTICIPANT_ROLES);
        assertThat(List.of(HandoverCodes.DECLINE_REASON_PATTERN.split("\\|")))
                .containsExactlyElementsOf(HandoverCodes.DECLINE_REASONS);
    }

    @Test
    void only_held_and_declined_are_final() {
        assertThat(HandoverState.REQUESTED.open()).isTrue();
        assertThat(HandoverState.SCHEDULED.open()).isTrue();
        assertThat(HandoverState.HELD.open()).isFalse();
        assertThat(HandoverState.DECLINED.open()).isFalse();
        assertThat(List.of(HandoverState.values())).extracting(Enum::name).containsExactlyElementsOf(HandoverState.NAMES);
    }
}
