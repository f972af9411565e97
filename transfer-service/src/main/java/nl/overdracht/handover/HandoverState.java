package nl.overdracht.handover;

import java.util.List;

/**
 * Where a warm handover stands.
 *
 * <pre>
 * REQUESTED ──schedule──▶ SCHEDULED ──held──▶ HELD
 *     │  └──────────────held───────────────▶ HELD
 *     └──decline──▶ DECLINED ◀──decline── SCHEDULED (rescheduling keeps SCHEDULED)
 * </pre>
 *
 * HELD and DECLINED are final: nothing more can happen to the handover.
 */
public enum HandoverState {
    REQUESTED, SCHEDULED, HELD, DECLINED;

    /** The state names, in order, as the API and the table carry them. */
    public static final List<String> NAMES = List.of("REQUESTED", "SCHEDULED", "HELD", "DECLINED");

    /** Whether the receiving school may still schedule, hold or decline it. */
    public boolean open() {
        return this == REQUESTED || this == SCHEDULED;
    }
}
