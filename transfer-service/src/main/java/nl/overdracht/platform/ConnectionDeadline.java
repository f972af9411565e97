package nl.overdracht.platform;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
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
 * Ends a PostgreSQL connection on which nothing was sent or received for the socket timeout by
 * closing its socket, so that whatever waits on it fails at once ({@code ClosedConnectionException},
 * answered 503) and the pool opens a fresh connection afterwards.
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
@ChannelHandler.Sharable
final class ConnectionDeadline extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ConnectionDeadline.class);
    private static final String NAME = "overdracht-deadline";
    /** Where the Vert.x network client puts its idle handler when an idle timeout is set. */
    private static final String IDLE = "idle";

    private final Duration timeout;

    ConnectionDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Puts this handler into the pipeline of a connection the pool has just opened, right after the
     * client's idle handler (or after one of its own, should the client not have put one there).
     */
    void install(SqlConnection connection) {
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
        pipeline.addAfter(IDLE, NAME, this);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            LOG.warnf("Closed a PostgreSQL connection on which nothing was sent or received for %d ms",
                    timeout.toMillis());
            // from this handler the close goes to the socket only, not through the client's codec
            context.close();
            return;
        }
        super.userEventTriggered(context, event);
    }
}
