package nl.overdracht.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code overdracht.database.*}: how long anything waits for PostgreSQL. Every wait is bounded, so
 * that a database that refuses connections, is overloaded or has stopped answering (frozen, or cut
 * off without a reset) fails a request within seconds, as a 503 with {@code Retry-After}, instead of
 * holding it; {@link DatabasePool} applies them to the pool every request and job uses.
 */
@ConfigMapping(prefix = "overdracht.database")
public interface DatabaseConfig {

    /** How long opening a TCP connection to PostgreSQL may take. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long a request or job waits for a connection from the pool: all of them in use, or a new
     * one not ready because PostgreSQL does not answer.
     */
    @WithDefault("2s")
    Duration acquireTimeout();

    /** How many may wait for a connection at once; any further one fails at once. */
    @WithDefault("512")
    int maxWaitQueueSize();

    /**
     * PostgreSQL's {@code statement_timeout} on every connection: a statement that runs longer is
     * cancelled by the server (SQLSTATE 57014). Below {@link #socketTimeout()}, so that a slow
     * statement is cancelled cleanly before the connection is given up.
     */
    @WithDefault("3s")
    Duration statementTimeout();

    /**
     * A connection that has not answered what was sent on it for this long is closed, failing
     * whatever waits on it: the client's own deadline, for a server that holds the connection open but
     * does not answer (frozen, or cut off without a reset), which no server-side timeout ends
     * ({@link ConnectionDeadline}). A connection whose last word was the server's is left alone.
     * PostgreSQL rolls back the transaction of a connection that is gone, unless its {@code COMMIT}
     * had already reached the server. Idle connections leave the pool before this (after half of it).
     */
    @WithDefault("4s")
    Duration socketTimeout();

    /** How long readiness waits for PostgreSQL to answer before it reports it DOWN. */
    @WithDefault("1500ms")
    Duration healthTimeout();

    /** The {@code Retry-After} of a 503 answered because PostgreSQL is unavailable. */
    @WithDefault("5s")
    Duration retryAfter();
}
