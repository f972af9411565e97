/**
 * The warm handover: a conversation between the sending and the receiving school beside the
 * dossier, for the pupils who need it. A dossier asks for it (OSO {@code contactnodig}, the
 * vl-baso {@code /dossier/handover/contactRequested}) or the sending school does through the API;
 * after the match the receiving school schedules it (a time and participant roles), records it held,
 * or declines it with a reason code; the sending school reads how it stands; the region's operator
 * counts them; a reminder round tells the receiving school once when a requested one was not
 * scheduled in time.
 *
 * <p>Owns: {@code /api/v1/handovers} (receiving school), {@code /api/v1/dossiers/{id}/handover}
 * (sending school), {@code /api/v1/operator/handovers} (operator), the {@code handover} table (its
 * SQL in {@link nl.overdracht.handover.HandoverRepository}) with its part of a purge
 * ({@link nl.overdracht.handover.HandoverPurge}), the {@code HandoverChanged} event and the reminder
 * round ({@link nl.overdracht.handover.HandoverReminders}).
 *
 * <p>Must not: store, log, audit or publish who the contact person is (name, phone, e-mail stay
 * inside the sealed dossier) or who takes part by name (roles only); show a handover to the
 * receiving school before the match.
 */
package nl.overdracht.handover;
