package nl.overdracht.settings;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * The Kafka cluster every client connects to ({@code kafka.bootstrap.servers}). Without it the Kafka
 * clients would try {@code localhost:9092}; {@link KafkaSettingsCheck} requires it.
 */
@Unremovable
@ConfigMapping(prefix = "kafka")
public interface KafkaSettings {

    @WithName("bootstrap.servers")
    Optional<String> bootstrapServers();
}
