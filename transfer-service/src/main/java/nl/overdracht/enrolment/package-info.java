/**
 * The receiving school's API: record an enrolment, see its enrolments; and the matching of an
 * enrolment with the dossier of the same pupil, whichever of the two comes first.
 *
 * <p>Owns: {@code /api/v1/enrolments}, the {@code enrolment} table (its SQL in
 * {@link nl.overdracht.enrolment.EnrolmentRepository}), the match that opens the
 * objection window and makes the enrolling school the receiving school,
 * {@code /api/v1/enrolment-conflicts}, where a sending school sees enrolments that did not match
 * its dossier because the dossier names another receiving school, and the enrolment's part of a
 * purge ({@link nl.overdracht.enrolment.EnrolmentPurge}: with its dossier, or unmatched after its
 * retention), which the lifecycle timer asks for.
 *
 * <p>Must not: match on anything but the keyed blind index; match a dossier that names another
 * receiving school (that is a conflict, kept visible); match a purged enrolment; store or log a
 * pupil id in the clear.
 */
package nl.overdracht.enrolment;
