package nl.overdracht.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
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
            Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, address);
            RoundTrip.write(client, "kept", "before the stop");

            // When the broker is stopped and restarted
            kafka.stop();
            kafka.restart();

            // Then it listens where it did, and the record is there
            assertEquals(address, kafka.bootstrapServers());
            assertEquals(List.of("before the stop"), RoundTrip.read(client, "kept"));
        }
    }
}
