package nl.overdracht.lifecycle;

import java.util.List;

/**
 * The states of a transfer, one type each, with one method per legal transition: a transition
 * that is not legal from a state has no method there and does not compile.
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
 *  EXPIRED, OBJECTED, WITHDRAWN, ACKNOWLEDGED ──purge──▶ PURGED
 * </pre>
 *
 * A whole objection withholds every section parents may withhold. Where the profile makes
 * sections mandatory to transfer (the Flemish verslag, the OSO categories WPO art. 42 requires),
 * an OBJECTED dossier is still released when its window elapses, and delivery carries only those
 * sections; where it makes none mandatory, OBJECTED ends the transfer and leads only to PURGED.
 *
 * Stored states are read back with {@link #of(String)}; {@link TransitionName#apply} is the one
 * place that decides, for a stored state, whether a named transition is legal.
 */
public sealed interface TransferState {

    /** The stored name, as in the {@code dossier.state} column and in events. */
    String name();

    /** Whether the dossier may still change before release (revision, withdrawal, objection). */
    default boolean beforeRelease() {
        return false;
    }

    /** Validated, before it is stored: the transaction that stores it accepts it at once. */
    record Submitted() implements TransferState {
        public String name() {
            return "SUBMITTED";
        }

        public AwaitingEnrolment accept() {
            return new AwaitingEnrolment();
        }
    }

    record AwaitingEnrolment() implements TransferState {
        public String name() {
            return "AWAITING_ENROLMENT";
        }

        @Override
        public boolean beforeRelease() {
            return true;
        }

        public ObjectionWindow match() {
            return new ObjectionWindow();
        }

        public AwaitingEnrolment revise() {
            return this;
        }

        public Expired expire() {
            return new Expired();
        }

        public Withdrawn withdraw() {
            return new Withdrawn();
        }
    }

    record ObjectionWindow() implements TransferState {
        public String name() {
            return "OBJECTION_WINDOW";
        }

        @Override
        public boolean beforeRelease() {
            return true;
        }

        public ObjectionWindow revise() {
            return this;
        }

        public Released release() {
            return new Released();
        }

        public Objected object() {
            return new Objected();
        }

        public Withdrawn withdraw() {
            return new Withdrawn();
        }
    }

    record Released() implements TransferState {
        public String name() {
            return "RELEASED";
        }

        public Deliverable packaged() {
            return new Deliverable();
        }
    }

    record Deliverable() implements TransferState {
        public String name() {
            return "DELIVERABLE";
        }

        public Deliverable repackage() {
            return this;
        }

        public Acknowledged acknowledge() {
            return new Acknowledged();
        }
    }

    record Acknowledged() implements TransferState {
        public String name() {
            return "ACKNOWLEDGED";
        }

        public Purged purge() {
            return new Purged();
        }
    }

    record Objected() implements TransferState {
        public String name() {
            return "OBJECTED";
        }

        /** The window elapsed: the sections the law makes mandatory still go (delivery removes the rest). */
        public Released release() {
            return new Released();
        }

        public Purged purge() {
            return new Purged();
        }
    }

    record Withdrawn() implements TransferState {
        public String name() {
            return "WITHDRAWN";
        }

        public Purged purge() {
            return new Purged();
        }
    }

    record Expired() implements TransferState {
        public String name() {
            return "EXPIRED";
        }

        public Purged purge() {
            return new Purged();
        }
    }

    record Purged() implements TransferState {
        public String name() {
            return "PURGED";
        }
    }

    /** Every state, in lifecycle order. */
    List<TransferState> ALL = List.of(new Submitted(), new AwaitingEnrolment(), new ObjectionWindow(), new Released(),
            new Deliverable(), new Acknowledged(), new Objected(), new Withdrawn(), new Expired(), new Purged());

    /** The state stored under {@code name}; an unknown name is an {@link IllegalArgumentException}. */
    static TransferState of(String name) {
        return ALL.stream().filter(state -> state.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transfer state " + name));
    }
}
