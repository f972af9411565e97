/**
 * The parents' say, recorded by the sending school on their behalf: the inspection of the
 * dossier, and objections to the whole dossier or to named sections, with their withdrawal.
 *
 * <p>Owns: {@code /api/v1/dossiers/{id}/inspection} and {@code /api/v1/dossiers/{id}/objections},
 * the refusal (with the legal reason) of an objection to a section the profile makes mandatory,
 * and {@link nl.overdracht.objection.ObjectionService#sectionsUnderObjection}, which delivery asks.
 *
 * <p>Must not: accept an objection after the window closed; log or audit who objected by name
 * (only the kind: parent, guardian, pupil) or a parent's reason (stored encrypted).
 */
package nl.overdracht.objection;
