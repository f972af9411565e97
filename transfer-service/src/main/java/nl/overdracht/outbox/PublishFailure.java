package nl.overdracht.outbox;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Why a relay round failed, in a few fixed words for the readiness check and the log. Never the
 * exception's message: a client library may put anything into it (a host, a principal, a setting),
 * and the answer is shown to whoever reads the health endpoint.
 */
final class PublishFailure {

    private PublishFailure() {
    }

    /** Whether Kafka's client raised {@code failure} (or one of its causes), rather than the database. */
    static boolean fromKafka(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof KafkaException) {
                return true;
            }
        }
        return false;
    }

    /**
     * What went wrong: the first cause that Kafka's security or time-out says more about, else the
     * innermost cause's class name.
     */
    static String reason(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SslAuthenticationException) {
                return "TLS handshake with Kafka failed";
            }
            if (cause instanceof AuthenticationException) {
                return "authentication failed";
            }
            if (cause instanceof AuthorizationException) {
                return "not authorised to publish";
            }
            if (cause instanceof TimeoutException) {
                return "timed out waiting for Kafka";
            }
            innermost = cause;
            if (cause.getCause() == cause) {
                break;
            }
        }
        return innermost.getClass().getSimpleName();
    }
}
