/**
 * Operations: what a regional network operator watches. Owns the queue view
 * {@code /api/v1/operator/queue}: per stage of delivery, how many dossiers of the operator's region
 * wait and since when (counted by {@link nl.overdracht.lifecycle.DossierRepository#deliveryQueue}); and
 * the stuck list {@code /api/v1/operator/stuck}: the work of the region that waits for someone to act
 * ({@link nl.overdracht.operations.StuckKind}), counted and listed oldest first.
 *
 * <p>Must not: show content, pupil data or anything of another region; change a dossier (operators
 * act through the registry).
 */
package nl.overdracht.operations;
