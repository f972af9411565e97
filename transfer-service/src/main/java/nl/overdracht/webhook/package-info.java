/**
 * Webhooks: signed pushes to a school's own system of what happens to its dossiers. A school
 * registers its one HTTPS endpoint; the consumer of {@code dossier-events} (and the enrolment
 * package, for a conflict) queues a notification per school concerned; the sender delivers them at
 * least once, in order per dossier, with backoff and a retry limit, each body signed as a detached
 * JWS; the school and its region's operator read the delivery log.
 *
 * <p>Owns: the {@code webhook_endpoint} and {@code webhook_delivery} tables. Must not: change a
 * dossier's state, or put anything but ids, states, event types and times in a body, a row or a log
 * line.
 */
package nl.overdracht.webhook;
