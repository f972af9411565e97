package nl.overdracht.lifecycle;

/**
 * The names of the transitions, as events and audit entries record them. Which transition is
 * legal from which state is decided by the typed methods of {@link TransferState}, not here.
 */
public enum TransitionName {
    ACCEPT, MATCH, REVISE, EXPIRE, WITHDRAW, RELEASE, OBJECT, PACKAGE, REPACKAGE, ACKNOWLEDGE, PURGE
}
