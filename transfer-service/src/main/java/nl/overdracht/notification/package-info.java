/**
 * What a sending school hears about its dossiers: the consumer of {@code dossier-events} that
 * writes one notification per state change of interest, and {@code GET /api/v1/notifications}.
 *
 * <p>Owns: the {@code school_notification} table. Must not: change a dossier's state, or hold
 * anything but ids, states and times.
 */
package nl.overdracht.notification;
