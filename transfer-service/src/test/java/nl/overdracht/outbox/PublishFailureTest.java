package nl.overdracht.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** A failed round is named in a few fixed words, never by the exception's message. */
class PublishFailureTest {

    @Test
    void refused_credentials_are_an_authentication_failure_however_deeply_wrapped() {
        Throwable failure = new CompletionException(new KafkaException("send failed",
                new SaslAuthenticationException("Authentication failed for user relay with password hunter2")));

        assertThat(PublishFailure.reason(failure)).isEqualTo("authentication failed");
    }

    @Test
    void a_failed_tls_handshake_is_named_as_such() {
        assertThat(PublishFailure.reason(new SslAuthenticationException("PKIX path building failed")))
                .isEqualTo("TLS handshake with Kafka failed");
    }

    @Test
    void a_refused_topic_is_not_authorised() {
        assertThat(PublishFailure.reason(new TopicAuthorizationException("dossier-events")))
                .isEqualTo("not authorised to publish");
    }

    @Test
    void a_broker_that_does_not_answer_in_time_is_a_time_out() {
        assertThat(PublishFailure.reason(new TimeoutException("Topic dossier-events not present in metadata after 60000 ms.")))
                .isEqualTo("timed out waiting for Kafka");
    }

    @Test
    void a_failure_is_kafkas_when_a_kafka_exception_is_among_its_causes() {
        assertThat(PublishFailure.fromKafka(new CompletionException(new SaslAuthenticationException("refused")))).isTrue();
        assertThat(PublishFailure.fromKafka(new KafkaException("closed"))).isTrue();
        assertThat(PublishFailure.fromKafka(new IllegalStateException("the database went away"))).isFalse();
    }

    @Test
    void anything_else_is_named_by_its_innermost_class_without_its_message() {
        String reason = PublishFailure.reason(new CompletionException(new IllegalStateException("secret-value")));

        assertThat(reason).isEqualTo("IllegalStateException").doesNotContain("secret-value");
    }
}
