package nl.overdracht.lifecycle;

import java.util.Optional;
import nl.overdracht.lifecycle.TransferState.Acknowledged;
import nl.overdracht.lifecycle.TransferState.AwaitingEnrolment;
import nl.overdracht.lifecycle.TransferState.Deliverable;
import nl.overdracht.lifecycle.TransferState.Expired;
import nl.overdracht.lifecycle.TransferState.ObjectionWindow;
import nl.overdracht.lifecycle.TransferState.Objected;
import nl.overdracht.lifecycle.TransferState.Released;
import nl.overdracht.lifecycle.TransferState.Submitted;
import nl.overdracht.lifecycle.TransferState.Withdrawn;

/**
 * The transitions, by name, for states read back from storage. {@link #apply} maps each onto the
 * typed method of {@link TransferState}; a transition that state has no method for is refused
 * here, and nowhere else.
 */
public enum TransitionName {
    ACCEPT, MATCH, REVISE, EXPIRE, WITHDRAW, RELEASE, OBJECT, PACKAGE, REPACKAGE, ACKNOWLEDGE, PURGE;

    /** The state after this transition from {@code from}, or empty when it is not legal there. */
    public Optional<TransferState> from(TransferState from) {
        TransferState to = null;
        if (from instanceof Submitted s) {
            to = this == ACCEPT ? s.accept() : null;
        } else if (from instanceof AwaitingEnrolment s) {
            to = switch (this) {
                case MATCH -> s.match();
                case REVISE -> s.revise();
                case EXPIRE -> s.expire();
                case WITHDRAW -> s.withdraw();
                default -> null;
            };
        } else if (from instanceof ObjectionWindow s) {
            to = switch (this) {
                case REVISE -> s.revise();
                case RELEASE -> s.release();
                case OBJECT -> s.object();
                case WITHDRAW -> s.withdraw();
                default -> null;
            };
        } else if (from instanceof Released s) {
            to = this == PACKAGE ? s.packaged() : null;
        } else if (from instanceof Deliverable s) {
            to = switch (this) {
                case REPACKAGE -> s.repackage();
                case ACKNOWLEDGE -> s.acknowledge();
                default -> null;
            };
        } else if (from instanceof Acknowledged s) {
            to = this == PURGE ? s.purge() : null;
        } else if (from instanceof Objected s) {
            to = switch (this) {
                case RELEASE -> s.release();
                case PURGE -> s.purge();
                default -> null;
            };
        } else if (from instanceof Withdrawn s) {
            to = this == PURGE ? s.purge() : null;
        } else if (from instanceof Expired s) {
            to = this == PURGE ? s.purge() : null;
        }
        return Optional.ofNullable(to);
    }

    /** The state after this transition from {@code from}; refused with {@link IllegalTransitionException}. */
    public TransferState apply(TransferState from) {
        return from(from).orElseThrow(() -> new IllegalTransitionException(from, this));
    }
}
