package nl.overdracht.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures mean PostgreSQL is unavailable (a 503), and which are the request's or the service's fault. */
class DatabaseUnavailableTest {

    @Test
    void a_refused_connection_a_closed_one_a_full_wait_queue_and_a_timeout_are_unavailability() {
        assertThat(DatabaseUnavailable.reason(new ConnectException("Connection refused: /10.0.0.1:5432")))
                .hasValue("no connection (ConnectException)");
        assertThat(DatabaseUnavailable.reason(ClosedConnectionException.INSTANCE)).hasValue("connection closed");
        assertThat(DatabaseUnavailable.reason(new ConnectionPoolTooBusyException("queue full")))
                .hasValue("too many waiting for a connection");
        assertThat(DatabaseUnavailable.reason(new NoStackTraceTimeoutException("Timeout")))
                .hasValue("timed out (NoStackTraceTimeoutException)");
    }

    @Test
    void the_vertx_client_s_own_words_for_a_closed_connection_and_a_full_pool_are_unavailability() {
        assertThat(DatabaseUnavailable.reason(new VertxException("Timeout waiting for connection")))
                .hasValue("no connection free in time");
        assertThat(DatabaseUnavailable.reason(new NoStackTraceThrowable("Timeout"))).hasValue("no connection free in time");
        assertThat(DatabaseUnavailable.reason(new NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSED"))).hasValue("connection closed");
        assertThat(DatabaseUnavailable.reason(new ClosedChannelException())).hasValue("connection closed");
        assertThat(DatabaseUnavailable.reason(new io.smallrye.mutiny.TimeoutException()))
                .hasValue("timed out (TimeoutException)");
    }

    @Test
    void the_same_words_from_elsewhere_are_not() {
        assertThat(DatabaseUnavailable.reason(new IllegalStateException("Timeout"))).isEmpty();
        assertThat(DatabaseUnavailable.reason(new VertxException("Connection refused by the registry"))).isEmpty();
    }

    @Test
    void a_cause_deep_in_the_chain_counts() {
        assertThat(DatabaseUnavailable.reason(new CompletionException(new IllegalStateException(
                new ConnectException("refused"))))).hasValue("no connection (ConnectException)");
    }

    @Test
    void the_server_shutting_down_out_of_connections_or_cancelling_the_statement_is_unavailability() {
        for (String sqlState : new String[] {"57P01", "57P02", "57P03", "53300", "53200", "57014", "08006", "08001"}) {
            assertThat(DatabaseUnavailable.reason(pg(sqlState))).as(sqlState).hasValue("SQLSTATE " + sqlState);
        }
    }

    @Test
    void a_constraint_violation_a_syntax_error_or_a_refused_privilege_is_not_and_the_reason_never_quotes_a_message() {
        for (String sqlState : new String[] {"23505", "23503", "42601", "42501", "40001", "22P02"}) {
            assertThat(DatabaseUnavailable.reason(pg(sqlState))).as(sqlState).isEmpty();
        }
        assertThat(DatabaseUnavailable.reason(new IllegalStateException("boom"))).isEmpty();
    }

    private static PgException pg(String sqlState) {
        return new PgException("Key (blind_index)=(secret value) already exists", "ERROR", sqlState, null);
    }
}
