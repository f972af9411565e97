package nl.overdracht.platform;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failure means that PostgreSQL is unavailable — down, refusing, overloaded or not
 * answering — rather than that the request or the service is at fault: such a failure is answered
 * 503 {@code service-unavailable} with {@code Retry-After}, and a retry may succeed. A constraint
 * violation, a syntax error or any other answer the server gave to the statement itself is not one.
 */
final class DatabaseUnavailable {

    /**
     * How the Vert.x client says that a connection was closed under what used it: a bare exception
     * whose message is one of its own fixed texts (they hold no value).
     */
    private static final List<String> CLOSED = List.of("Connection is not active now",
            "Pending requests failed to be sent due to connection has been closed");

    /** How the Vert.x pool says that no connection was free within its acquire timeout. */
    private static final List<String> ACQUIRE_TIMEOUT = List.of("Timeout waiting for connection", "Timeout");

    private DatabaseUnavailable() {
    }

    /** Whether {@code cause} is the Vert.x client's own, with a message that is (or starts with) one of {@code texts}. */
    private static boolean vertx(Throwable cause, List<String> texts) {
        String message = cause.getMessage();
        return message != null && cause.getClass().getName().startsWith("io.vertx.")
                && texts.stream().anyMatch(message::startsWith);
    }

    /**
     * What made the database unavailable, in a few words for the log (a class name, an SQLSTATE; never
     * a message, which may quote a bound value or a host), or empty when {@code failure} is not such a
     * failure.
     */
    static Optional<String> reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException) {
                return Optional.of("no connection (" + cause.getClass().getSimpleName() + ")");
            }
            if (cause instanceof ClosedConnectionException || cause instanceof ClosedChannelException
                    || vertx(cause, CLOSED)) {
                return Optional.of("connection closed");
            }
            if (cause instanceof ConnectionPoolTooBusyException) {
                return Optional.of("too many waiting for a connection");
            }
            if (cause instanceof TimeoutException || cause instanceof io.smallrye.mutiny.TimeoutException) {
                return Optional.of("timed out (" + cause.getClass().getSimpleName() + ")");
            }
            if (vertx(cause, ACQUIRE_TIMEOUT)) {
                return Optional.of("no connection free in time");
            }
            if (cause instanceof DatabaseException database && unavailable(database.getSqlState())) {
                return Optional.of("SQLSTATE " + database.getSqlState());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an SQLSTATE says the server cannot serve now: class 08 (connection exception), class 53
     * (insufficient resources: too many connections, out of memory, disk full), 57014 (the statement
     * was cancelled: {@code statement_timeout}) and 57P01–57P05 (the server is shutting down, crashed,
     * cannot accept connections yet, the database was dropped or the session idled out).
     */
    static boolean unavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53")
                || sqlState.equals("57014") || sqlState.startsWith("57P0"));
    }
}
