/**
 * What every feature stands on: the RFC 9457 problem details every error becomes, and the clock.
 *
 * <p>Owns: the one exception mapper and the one table from error kind to status and type URI
 * ({@link nl.overdracht.platform.ProblemType}); the problems several features answer, each worded
 * once ({@link nl.overdracht.platform.Problems}); the shared query parameters, {@code limit} and
 * {@code cursor} ({@link nl.overdracht.platform.QueryParams}); the injectable {@link java.time.Clock};
 * the service's own work — timer rounds and consumed messages — and its orderly stop ({@link
 * nl.overdracht.platform.BackgroundWork}); the bounds on every wait for PostgreSQL ({@link
 * nl.overdracht.platform.DatabasePool}), its readiness check, and which failures mean that it is
 * unavailable, answered 503 with {@code Retry-After} ({@link nl.overdracht.platform.DatabaseUnavailable});
 * the rate limits per client address and per caller ({@link nl.overdracht.platform.RateLimiting}) and
 * the client's address ({@link nl.overdracht.platform.ClientAddress}).
 *
 * <p>Must not: know about dossiers, schools or any other feature beyond the wording of a problem;
 * put a stack trace, an internal class name or a field value from a request into a response or a
 * log line.
 */
package nl.overdracht.platform;
