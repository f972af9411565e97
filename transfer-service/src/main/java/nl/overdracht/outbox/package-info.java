/**
 * The transactional outbox and the processed-event log.
 *
 * <p>Owns: writing an event in the same PostgreSQL transaction as the state change it reports
 * ({@link nl.overdracht.outbox.Outbox}), the relay that publishes unpublished events to Kafka topic
 * {@code dossier-events} keyed by dossier id ({@link nl.overdracht.outbox.OutboxRelay}), and the
 * processed-event log that makes consumers idempotent ({@link nl.overdracht.outbox.ProcessedEvents}),
 * and the relay's readiness check ({@link nl.overdracht.outbox.OutboxRelayHealth}).
 * Their SQL is in {@link nl.overdracht.outbox.OutboxRepository} and
 * {@link nl.overdracht.outbox.ProcessedEventRepository}.
 *
 * <p>Must not: carry personal data or content in an event (ids, states, times and hashes only);
 * publish an event whose transaction did not commit; decide anything about a dossier.
 */
package nl.overdracht.outbox;
