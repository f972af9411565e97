/**
 * The transfer's life: the state machine (pure domain), the timers that move due dossiers, and
 * the consumers of {@code dossier-events}.
 *
 * <p>Owns: {@link nl.overdracht.lifecycle.TransferState}, the one place where a transition is
 * allowed or refused; the guarded state change in PostgreSQL together with its outbox event and
 * audit entry ({@link nl.overdracht.lifecycle.TransitionService}); the timer that releases, expires
 * and purges.
 *
 * <p>Must not: check a state ad hoc anywhere else; read or log dossier content or pupil ids;
 * move the clock (tests replace the {@link java.time.Clock} bean).
 */
package nl.overdracht.lifecycle;
