/**
 * The sending school's API: submit a dossier, submit a new revision, withdraw it, read its status.
 *
 * <p>Owns: {@code /api/v1/dossiers} (create, revise, withdraw, status), the one transaction that
 * stores an accepted revision (ciphertext only) with the dossier row, its outbox event and its
 * audit entry, and the {@code Idempotency-Key} replay.
 *
 * <p>Must not: store or log anything of a rejected dossier; return content (status only); take
 * the sending school from anything but the token; decide a transition itself (that is
 * {@link nl.overdracht.lifecycle.TransferState}'s); hold SQL (the dossier's is in
 * {@link nl.overdracht.lifecycle.DossierRepository}); inspect or seal on the event loop
 * ({@link nl.overdracht.platform.CpuWork}).
 */
package nl.overdracht.intake;
