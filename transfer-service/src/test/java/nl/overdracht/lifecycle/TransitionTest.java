package nl.overdracht.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import nl.overdracht.platform.ProblemType;
import org.junit.jupiter.api.Test;

class TransitionTest {

    /** The whole legal table: from state, transition → to state. Everything else is illegal. */
    private static final Map<String, String> LEGAL = new HashMap<>();

    static {
        legal("SUBMITTED", TransitionName.ACCEPT, "AWAITING_ENROLMENT");
        legal("AWAITING_ENROLMENT", TransitionName.MATCH, "OBJECTION_WINDOW");
        legal("AWAITING_ENROLMENT", TransitionName.REVISE, "AWAITING_ENROLMENT");
        legal("AWAITING_ENROLMENT", TransitionName.EXPIRE, "EXPIRED");
        legal("AWAITING_ENROLMENT", TransitionName.WITHDRAW, "WITHDRAWN");
        legal("OBJECTION_WINDOW", TransitionName.REVISE, "OBJECTION_WINDOW");
        legal("OBJECTION_WINDOW", TransitionName.RELEASE, "RELEASED");
        legal("OBJECTION_WINDOW", TransitionName.OBJECT, "OBJECTED");
        legal("OBJECTION_WINDOW", TransitionName.WITHDRAW, "WITHDRAWN");
        legal("RELEASED", TransitionName.PACKAGE, "DELIVERABLE");
        legal("DELIVERABLE", TransitionName.REPACKAGE, "DELIVERABLE");
        legal("DELIVERABLE", TransitionName.ACKNOWLEDGE, "ACKNOWLEDGED");
        legal("ACKNOWLEDGED", TransitionName.PURGE, "PURGED");
        legal("OBJECTED", TransitionName.RELEASE, "RELEASED");
        legal("OBJECTED", TransitionName.PURGE, "PURGED");
        legal("WITHDRAWN", TransitionName.PURGE, "PURGED");
        legal("EXPIRED", TransitionName.PURGE, "PURGED");
    }

    private static void legal(String from, TransitionName transition, String to) {
        LEGAL.put(from + " " + transition, to);
    }

    @Test
    void every_state_and_transition_follows_the_table() {
        for (TransferState state : TransferState.ALL) {
            for (TransitionName transition : TransitionName.values()) {
                String expected = LEGAL.get(state.name() + " " + transition);
                assertThat(transition.from(state).map(TransferState::name))
                        .as("%s from %s", transition, state.name())
                        .isEqualTo(java.util.Optional.ofNullable(expected));
            }
        }
    }

    @Test
    void an_illegal_transition_is_refused_as_a_409_problem() {
        assertThatThrownBy(() -> TransitionName.RELEASE.apply(TransferState.of("AWAITING_ENROLMENT")))
                .isInstanceOfSatisfying(IllegalTransitionException.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.ILLEGAL_TRANSITION));
    }

    @Test
    void nothing_leaves_purged() {
        for (TransitionName transition : TransitionName.values()) {
            assertThat(transition.from(new TransferState.Purged())).isEmpty();
        }
    }

    @Test
    void only_the_states_before_release_allow_changes_by_the_school() {
        assertThat(TransferState.ALL.stream().filter(TransferState::beforeRelease).map(TransferState::name))
                .containsExactly("AWAITING_ENROLMENT", "OBJECTION_WINDOW");
    }

    @Test
    void stored_names_read_back_as_the_same_state() {
        for (TransferState state : TransferState.ALL) {
            assertThat(TransferState.of(state.name())).isEqualTo(state);
        }
    }
}
