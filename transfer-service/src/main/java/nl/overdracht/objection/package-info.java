/**
 * The parents' say, recorded by the sending school on their behalf: the inspection of the
 * dossier, and objections to the whole dossier or to named sections, with their withdrawal.
 *
 * <p>Owns: {@code /api/v1/dossiers/{id}/inspection} and {@code /api/v1/dossiers/{id}/objections},
 * the refusal (with the legal reason) of an objection to a section the profile makes mandatory,
 * the {@code objection} and {@code inspection} tables (their SQL in
 * {@link nl.overdracht.objection.ObjectionRepository}) with their part of a purge
 * ({@link nl.overdracht.objection.InspectionPurge}), and
 * {@link nl.overdracht.objection.ObjectionService#standing}, which delivery asks.
 *
 * <p>Must not: accept an objection once parents may no longer act
 * ({@link nl.overdracht.lifecycle.TransferState#parentsMayAct}); log or audit who objected by name
 * (only the kind: parent, guardian, pupil) or a parent's reason (stored encrypted).
 */
package nl.overdracht.objection;
