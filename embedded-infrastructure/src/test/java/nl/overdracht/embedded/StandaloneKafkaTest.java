package nl.overdracht.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault suite's Kafka comes back where it was, with its log. */
class StandaloneKafkaTest {

    @TempDir
    Path directory;

    @Test
    void a_restarted_broker_has_the_records_of_before_at_the_same_address() throws Exception {
        try (StandaloneKafka kafka = StandaloneKafka.start(directory.resolve("kafka"))) {
            // Given a record written to the broker
            String address = kafka.bootstrapServers();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("kept", "key", "before the stop")).get(60, TimeUnit.SECONDS);
            }

            // When the broker is stopped and restarted
            kafka.stop();
            kafka.restart();

            // Then it listens where it did, and the record is there
            assertEquals(address, kafka.bootstrapServers());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                    ConsumerConfig.GROUP_ID_CONFIG, "kept",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of("kept"));
                List<String> read = new ArrayList<>();
                Awaitility.await("the record read back").atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.value()));
                    return !read.isEmpty();
                });
                assertEquals(List.of("before the stop"), read);
            }
        }
    }
}
