package nl.overdracht.lifecycle;

import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;

/** A transition the dossier's state does not allow: 409 {@code illegal-transition}. */
public class IllegalTransitionException extends ApiException {

    public IllegalTransitionException(TransferState from, TransitionName transition) {
        super(ProblemType.ILLEGAL_TRANSITION, "A dossier in state " + from.name() + " cannot "
                + transition.name().toLowerCase(java.util.Locale.ROOT) + ".");
    }
}
