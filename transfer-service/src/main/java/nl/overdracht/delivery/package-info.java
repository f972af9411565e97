/**
 * Delivery: a released dossier becomes a package for the receiving school, which lists, downloads
 * and acknowledges it.
 *
 * <p>Owns: the consumer of {@code dossier-events} that packages released dossiers
 * ({@link nl.overdracht.delivery.DeliveryWorker}, idempotent through the processed-event log), the
 * periodic retry and the reaction to registry changes (a certificate added or revoked packages
 * waiting dossiers and re-encrypts unacknowledged packages); the package format
 * ({@link nl.overdracht.delivery.DeliveryEnvelope}: a JSON envelope with the manifest and the exact
 * content, signed and encrypted with {@link nl.overdracht.crypto.CmsPackager}, on the
 * {@link nl.overdracht.platform.CpuWork} pool); the {@code delivery_package} table, whose SQL lives
 * in {@link nl.overdracht.delivery.DeliveryRepository}, and its part of a purge
 * ({@link nl.overdracht.delivery.PackagePurge}); the receiving-school API under
 * {@code /api/v1/deliveries}. The
 * operators' view of the same queue lives in {@code operations}.
 *
 * <p>Must not: write plaintext anywhere but memory; log, publish or audit content, pupil data or
 * keys (ids, states and hashes only); change a dossier's state other than through
 * {@link nl.overdracht.lifecycle.TransitionService}; show a school another school's delivery (404).
 */
package nl.overdracht.delivery;
