package nl.overdracht.platform;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.Connection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionInternal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Ends a PostgreSQL connection that has not answered what was sent on it for the socket timeout, by
 * closing its socket, so that whatever waits on it fails at once ({@code ClosedConnectionException},
 * answered 503) and the pool opens a fresh connection afterwards. A connection whose last word was
 * the server's is left alone however long it rests: the service is then busy with what it was
 * answered (a dossier being sealed or packaged in the transaction), not waiting for PostgreSQL, and
 * a machine that is merely slow must not lose its transactions.
 *
 * <p>The Vert.x client's own idle timeout cannot do this for a server that has stopped answering:
 * its close first sends PostgreSQL's {@code Terminate} and half-closes the socket, then waits for
 * the server to close its end, which a frozen server never does, so a request on that connection
 * waited for as long as the server was frozen. This handler sits before the client's codec in the
 * connection's pipeline and closes the socket itself when the idle event comes. PostgreSQL rolls
 * back the transaction of a connection that is gone; a {@code COMMIT} it had received before it
 * stopped answering may still take effect when it resumes, which is why a 503 tells the caller to
 * send the same request again (an intake with the same {@code Idempotency-Key} is stored once).
 *
 * <p>It reaches the connection's pipeline through the client's implementation classes
 * ({@code io.vertx.sqlclient.impl}); a test of the production build freezes PostgreSQL under the
 * running service, so an upgrade that changes them is noticed.
 */
final class ConnectionDeadline extends ChannelDuplexHandler {

    private static final Logger LOG = Logger.getLogger(ConnectionDeadline.class);
    private static final String NAME = "overdracht-deadline";
    /** Where the Vert.x network client puts its idle handler when an idle timeout is set. */
    private static final String IDLE = "idle";

    private final Duration timeout;
    /** Whether something was sent since the server last said anything; only the connection's event loop touches it. */
    private boolean awaitingAnswer;

    ConnectionDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Puts a deadline into the pipeline of a connection the pool has just opened, right after the
     * client's idle handler (or after one of its own, should the client not have put one there).
     */
    static void install(SqlConnection connection, Duration timeout) {
        Connection socket = ((SqlConnectionInternal) connection).unwrap();
        while (socket.unwrap() != socket) {
            socket = socket.unwrap();
        }
        ChannelPipeline pipeline = ((SocketConnectionBase) socket).socket().channelHandlerContext().pipeline();
        if (pipeline.get(NAME) != null) {
            return;
        }
        if (pipeline.get(IDLE) == null) {
            pipeline.addFirst(IDLE, new IdleStateHandler(0, 0, timeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        pipeline.addAfter(IDLE, NAME, new ConnectionDeadline(timeout));
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
        awaitingAnswer = true;
        super.write(context, message, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
        awaitingAnswer = false;
        super.channelRead(context, message);
    }

    /**
     * The idle handler's event: nothing sent or received for the timeout. When the server owes an
     * answer, the socket is closed; otherwise the event ends here, so that the client does not close
     * a connection the service is still using.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (!(event instanceof IdleStateEvent)) {
            super.userEventTriggered(context, event);
        } else if (awaitingAnswer) {
            LOG.warnf("Closed a PostgreSQL connection that had not answered for %d ms", timeout.toMillis());
            // from this handler the close goes to the socket only, not through the client's codec
            context.close();
        }
    }
}
