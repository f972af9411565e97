package nl.overdracht.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The states of a transfer, one record each, carrying the data the state implies, with one
 * method per legal transition. A method builds the next state from this one's data and returns it
 * as a {@link Step}; a {@code Step} can be made in no other way, so a transition that is not legal
 * from a state has no method there and does not compile. {@link TransitionService} carries a step
 * out; {@link DossierRepository} maps each state to its columns, in one place.
 *
 * <pre>
 *  SUBMITTED ──accept──▶ AWAITING_ENROLMENT ──match──▶ OBJECTION_WINDOW ──release──▶ RELEASED
 *                            │      │ revise                │ │ revise                  ▲  │ package
 *                            │ expire                      │ object (whole)            │  ▼
 *                            ▼                             ▼                           │ DELIVERABLE ──acknowledge──▶ ACKNOWLEDGED
 *                         EXPIRED                       OBJECTED ──release (window ──┘   │ repackage (certificate rotated)
 *                                                                  elapsed; mandatory
 *                                                                  sections only)
 *  AWAITING_ENROLMENT, OBJECTION_WINDOW ──withdraw──▶ WITHDRAWN
 *  EXPIRED, OBJECTED (ended), WITHDRAWN, ACKNOWLEDGED ──purge──▶ PURGED
 * </pre>
 *
 * A whole objection withholds every section parents may withhold. Where the profile makes
 * sections mandatory to transfer (the Flemish verslag, the OSO categories WPO art. 42 requires),
 * the dossier is {@link Objected} and still released when its window elapses, and delivery
 * carries only those sections; where it makes none mandatory, the objection ends the transfer
 * ({@link ObjectedEnded}, stored under the same name) and leads only to PURGED.
 */
public sealed interface TransferState {

    /** The stored name, as in the {@code dossier.state} column and in events. */
    String name();

    /**
     * Whether parents may still act on the dossier at {@code now} (inspect, object, withdraw an
     * objection): before the match, and during an objection window that has not yet closed. The
     * one rule for it.
     */
    default boolean parentsMayAct(Instant now) {
        return false;
    }

    /** A state change decided from a state's data: only the states' own transition methods make one. */
    final class Step<T extends TransferState> {
        private final TransferState from;
        private final TransitionName name;
        private final T to;

        private Step(TransferState from, TransitionName name, T to) {
            this.from = Objects.requireNonNull(from, "from");
            this.name = Objects.requireNonNull(name, "name");
            this.to = Objects.requireNonNull(to, "to");
        }

        public TransferState from() {
            return from;
        }

        public TransitionName name() {
            return name;
        }

        public T to() {
            return to;
        }

        @Override
        public String toString() {
            return from.name() + " --" + name + "--> " + to.name();
        }
    }

    /** The states in which the sending school may still change the dossier: revise it, or withdraw it. */
    sealed interface BeforeRelease extends TransferState {
        Step<? extends BeforeRelease> revise();

        /** Withdrawn by the sending school at {@code at}; purged once {@code retention} has passed. */
        default Step<Withdrawn> withdraw(Instant at, Duration retention) {
            return new Step<>(this, TransitionName.WITHDRAW, new Withdrawn(at, at.plus(retention)));
        }
    }

    /** The states in which the transfer has ended; the dossier is purged after {@link #purgeAfter()}. */
    sealed interface Ended extends TransferState {
        Instant endedAt();

        Instant purgeAfter();

        default Step<Purged> purge(Instant at) {
            return new Step<>(this, TransitionName.PURGE, new Purged(at));
        }
    }

    /** Validated, before it is stored: the transaction that stores it accepts it at once. */
    record Submitted() implements TransferState {
        public String name() {
            return "SUBMITTED";
        }

        public Step<AwaitingEnrolment> accept() {
            return new Step<>(this, TransitionName.ACCEPT, new AwaitingEnrolment());
        }
    }

    /** Stored; waits for the receiving school's enrolment of the pupil. */
    record AwaitingEnrolment() implements BeforeRelease {
        public String name() {
            return "AWAITING_ENROLMENT";
        }

        @Override
        public boolean parentsMayAct(Instant now) {
            return true;
        }

        /** Matched at {@code at} with enrolment {@code enrolmentId}: the window of {@code window} opens. */
        public Step<ObjectionWindow> match(UUID enrolmentId, String receivingSchool, Instant at, Duration window) {
            return new Step<>(this, TransitionName.MATCH,
                    new ObjectionWindow(receivingSchool, enrolmentId, at, at.plus(window)));
        }

        public Step<AwaitingEnrolment> revise() {
            return new Step<>(this, TransitionName.REVISE, this);
        }

        /** No enrolment came before the profile's expiry; purged once {@code retention} has passed. */
        public Step<Expired> expire(Instant at, Duration retention) {
            return new Step<>(this, TransitionName.EXPIRE, new Expired(at, at.plus(retention)));
        }
    }

    /**
     * Matched with an enrolment; parents may object until {@code windowEndsAt}.
     *
     * @param receivingSchool the school that enrolled the pupil and receives the dossier
     * @param enrolmentId the enrolment it matched
     * @param matchedAt when it matched
     * @param windowEndsAt when the objection window closes
     */
    record ObjectionWindow(String receivingSchool, UUID enrolmentId, Instant matchedAt, Instant windowEndsAt)
            implements BeforeRelease {
        public ObjectionWindow {
            Objects.requireNonNull(receivingSchool, "receivingSchool");
            Objects.requireNonNull(windowEndsAt, "windowEndsAt");
        }

        public String name() {
            return "OBJECTION_WINDOW";
        }

        @Override
        public boolean parentsMayAct(Instant now) {
            return now.isBefore(windowEndsAt);
        }

        public Step<ObjectionWindow> revise() {
            return new Step<>(this, TransitionName.REVISE, this);
        }

        public Step<Released> release(Instant at) {
            return new Step<>(this, TransitionName.RELEASE, new Released(receivingSchool, at));
        }

        /** A whole objection where the profile makes sections mandatory: those still go when the window ends. */
        public Step<Objected> object() {
            return new Step<>(this, TransitionName.OBJECT, new Objected(receivingSchool, windowEndsAt));
        }

        /** A whole objection where the profile makes no section mandatory: the transfer ends here. */
        public Step<ObjectedEnded> objectAndEnd(Instant at, Duration retention) {
            return new Step<>(this, TransitionName.OBJECT, new ObjectedEnded(at, at.plus(retention)));
        }
    }

    /**
     * Parents objected to the whole dossier; the sections the law makes mandatory are still released
     * when the window closes.
     */
    record Objected(String receivingSchool, Instant windowEndsAt) implements TransferState {
        public Objected {
            Objects.requireNonNull(receivingSchool, "receivingSchool");
            Objects.requireNonNull(windowEndsAt, "windowEndsAt");
        }

        public String name() {
            return "OBJECTED";
        }

        /** The window elapsed: the sections the law makes mandatory still go (delivery removes the rest). */
        public Step<Released> release(Instant at) {
            return new Step<>(this, TransitionName.RELEASE, new Released(receivingSchool, at));
        }
    }

    /** Parents objected to the whole dossier and nothing of it is mandatory: the transfer ended. */
    record ObjectedEnded(Instant endedAt, Instant purgeAfter) implements Ended {
        public String name() {
            return "OBJECTED";
        }
    }

    /** Released at {@code releasedAt}; waits for its package, encrypted to the receiving school's certificate. */
    record Released(String receivingSchool, Instant releasedAt) implements TransferState {
        public Released {
            Objects.requireNonNull(receivingSchool, "receivingSchool");
        }

        public String name() {
            return "RELEASED";
        }

        public Step<Deliverable> packaged() {
            return new Step<>(this, TransitionName.PACKAGE, new Deliverable(receivingSchool, releasedAt));
        }
    }

    /** Packaged; the receiving school may download and acknowledge it. */
    record Deliverable(String receivingSchool, Instant releasedAt) implements TransferState {
        public Deliverable {
            Objects.requireNonNull(receivingSchool, "receivingSchool");
        }

        public String name() {
            return "DELIVERABLE";
        }

        /** The receiving school's certificate changed: the package is encrypted again. */
        public Step<Deliverable> repackage() {
            return new Step<>(this, TransitionName.REPACKAGE, this);
        }

        /** The school confirmed the content at {@code at}; purged once {@code retention} has passed. */
        public Step<Acknowledged> acknowledge(Instant at, Duration retention) {
            return new Step<>(this, TransitionName.ACKNOWLEDGE, new Acknowledged(at, at.plus(retention)));
        }
    }

    record Acknowledged(Instant endedAt, Instant purgeAfter) implements Ended {
        public String name() {
            return "ACKNOWLEDGED";
        }
    }

    record Withdrawn(Instant endedAt, Instant purgeAfter) implements Ended {
        public String name() {
            return "WITHDRAWN";
        }
    }

    record Expired(Instant endedAt, Instant purgeAfter) implements Ended {
        public String name() {
            return "EXPIRED";
        }
    }

    /** Ciphertext, wrapped keys and pupil ids deleted at {@code purgedAt}; ids, states, times and hashes stay. */
    record Purged(Instant purgedAt) implements TransferState {
        public String name() {
            return "PURGED";
        }
    }

    /** Every stored name, in lifecycle order (a dossier is never stored as SUBMITTED). */
    List<String> NAMES = List.of("SUBMITTED", "AWAITING_ENROLMENT", "OBJECTION_WINDOW", "RELEASED", "DELIVERABLE",
            "ACKNOWLEDGED", "OBJECTED", "WITHDRAWN", "EXPIRED", "PURGED");

    /** {@code name} when it is a state's stored name; an unknown name is an {@link IllegalArgumentException}. */
    static String requireName(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown transfer state " + name);
        }
        return name;
    }
}
