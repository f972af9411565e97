package nl.overdracht.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deadline on a PostgreSQL connection, in a pipeline of its own: the idle event closes the
 * socket when the server owes an answer, and only then.
 */
class ConnectionDeadlineTest {

    @Test
    void a_connection_that_has_not_answered_what_was_sent_is_closed_at_the_idle_event() {
        // Given a connection on which a statement was sent and nothing came back
        EmbeddedChannel connection = new EmbeddedChannel(new ConnectionDeadline(Duration.ofSeconds(4)));
        connection.writeOutbound(Unpooled.wrappedBuffer(new byte[] {'Q'}));

        // When the idle handler says nothing moved for the timeout
        connection.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT);

        // Then the socket is closed
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void a_connection_the_server_answered_last_is_left_open_however_long_it_rests() {
        // Given a connection on which a statement was sent and answered
        List<Object> passedOn = new ArrayList<>();
        EmbeddedChannel connection = new EmbeddedChannel(new ConnectionDeadline(Duration.ofSeconds(4)),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext context, Object event) {
                        passedOn.add(event);
                    }
                });
        connection.writeOutbound(Unpooled.wrappedBuffer(new byte[] {'Q'}));
        connection.writeInbound(Unpooled.wrappedBuffer(new byte[] {'Z'}));

        // When the service rests on it (busy with what it was answered) past the timeout, twice
        connection.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT);
        connection.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        // Then it stays open, and the events go no further (the client would close it otherwise)
        assertThat(connection.isOpen()).isTrue();
        assertThat(passedOn).isEmpty();

        // and when the next statement goes unanswered, it is closed
        connection.writeOutbound(Unpooled.wrappedBuffer(new byte[] {'Q'}));
        connection.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(connection.isOpen()).isFalse();
    }
}
