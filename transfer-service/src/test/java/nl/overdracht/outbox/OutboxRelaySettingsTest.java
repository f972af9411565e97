package nl.overdracht.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The relay's producer gets the service's one Kafka configuration, with its own guarantees on top. */
class OutboxRelaySettingsTest {

    private static final Map<String, Object> SECURED = Map.of(
            "bootstrap.servers", "kafka-0.example:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"relay\" password=\"secret\";",
            "ssl.truststore.location", "/etc/overdracht/kafka-truststore.p12",
            "ssl.truststore.type", "PKCS12",
            "group.id", "overdracht-delivery",
            "auto.offset.reset", "earliest",
            "acks", "1",
            "enable.idempotence", "false");

    @Test
    void the_security_settings_of_the_consumers_reach_the_relay() {
        Map<String, Object> settings = OutboxRelay.producerSettings(SECURED, Duration.ofSeconds(2));

        assertThat(settings).containsEntry("bootstrap.servers", "kafka-0.example:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", SECURED.get("sasl.jaas.config"))
                .containsEntry("ssl.truststore.location", "/etc/overdracht/kafka-truststore.p12")
                .containsEntry("ssl.truststore.type", "PKCS12");
    }

    @Test
    void consumer_only_settings_are_left_out() {
        assertThat(OutboxRelay.producerSettings(SECURED, Duration.ofSeconds(2))).doesNotContainKeys("group.id", "auto.offset.reset");
    }

    @Test
    void configuration_cannot_weaken_what_the_relay_guarantees() {
        Map<String, Object> settings = OutboxRelay.producerSettings(SECURED, Duration.ofSeconds(2));

        assertThat(settings).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, OutboxRelay.CLIENT_ID)
                .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    }
}
