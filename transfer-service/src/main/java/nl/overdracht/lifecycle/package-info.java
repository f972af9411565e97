/**
 * The transfer's life: the state machine (pure domain), the timers that move due dossiers, and
 * the consumers of {@code dossier-events}.
 *
 * <p>Owns: {@link nl.overdracht.lifecycle.TransferState}, the states with their data and one typed
 * method per legal transition, so that an illegal one does not compile; the dossier aggregate's
 * tables ({@code dossier}, {@code dossier_revision}), whose SQL lives only in
 * {@link nl.overdracht.lifecycle.DossierRepository}, the one class that maps a state to columns;
 * the carrying out of a transition with its {@link nl.overdracht.lifecycle.DossierStateChanged}
 * event and audit entry ({@link nl.overdracht.lifecycle.TransitionService}); the timer that
 * releases, expires and purges, with each package's part of a purge contributed as a
 * {@link nl.overdracht.lifecycle.DossierPurgeHook}.
 *
 * <p>Must not: check a state ad hoc anywhere else, or name one in SQL outside the repository; know
 * another package's tables; read or log dossier content or pupil ids; move the clock (tests
 * replace the {@link java.time.Clock} bean).
 */
package nl.overdracht.lifecycle;
