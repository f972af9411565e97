package nl.overdracht.settings;

import static nl.overdracht.settings.SettingsCheck.given;

import java.util.List;

/** Requires the Kafka bootstrap servers, as a list of {@code host:port}. */
public final class KafkaSettingsCheck implements SettingsCheck<KafkaSettings> {

    static final String SERVERS = "kafka.bootstrap.servers";

    @Override
    public Class<KafkaSettings> settings() {
        return KafkaSettings.class;
    }

    @Override
    public List<SettingProblem> problems(KafkaSettings settings) {
        return given(settings.bootstrapServers())
                .map(servers -> Addresses.isHostPortList(servers) ? List.<SettingProblem>of()
                        : List.of(new SettingProblem(SERVERS, "is not a comma-separated list of host:port")))
                .orElseGet(() -> List.of(SettingProblem.missing(SERVERS,
                        "the Kafka brokers, e.g. kafka-1.example:9093,kafka-2.example:9093")));
    }
}
