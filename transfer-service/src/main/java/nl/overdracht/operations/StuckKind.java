package nl.overdracht.operations;

import java.util.Locale;

/**
 * Why work is stuck: each kind needs someone to act, and names whose region sees it.
 *
 * <ul>
 *   <li>{@link #NOT_DOWNLOADED}: a delivery package the receiving school has not downloaded within
 *       {@code overdracht.operations.not-downloaded-after}; the receiving school's region;</li>
 *   <li>{@link #WITHHELD}: a released dossier that waits (never packaged, or its package withheld) because
 *       its receiving school has no current certificate; the receiving school's region;</li>
 *   <li>{@link #EXPIRING_UNMATCHED}: a dossier no enrolment matched that expires within
 *       {@code overdracht.operations.expiry-warning}; the sending school's region;</li>
 *   <li>{@link #ENROLMENT_CONFLICT}: an enrolment that did not match a waiting dossier because the dossier names
 *       another receiving school; the region of each school that takes part (sending, enrolling, named), as
 *       at {@code /api/v1/enrolment-conflicts}.</li>
 * </ul>
 */
public enum StuckKind {
    NOT_DOWNLOADED, WITHHELD, EXPIRING_UNMATCHED, ENROLMENT_CONFLICT;

    /** The kind as the API, the metrics and the SQL name it: {@code not_downloaded}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a {@link #label()} names. */
    public static StuckKind of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
