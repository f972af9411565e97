package nl.overdracht.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the service's consumers of {@value #TOPIC} are behind: the messages on the topic that a
 * consumer group has not committed yet. When it is 0 for every group, no event is left to be
 * delivered again, so nothing counted afterwards can change.
 */
final class ConsumerLag implements AutoCloseable {

    static final String TOPIC = "dossier-events";
    /** The groups of the service's consumers (application.properties). */
    static final List<String> GROUPS = List.of("overdracht-school-notifications", "overdracht-delivery",
            "overdracht-webhooks");

    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /** The messages not yet committed, summed over the groups and the topic's partitions. */
    long total() throws InterruptedException {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(TOPIC).partitions().stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = committed.get(partition);
                    lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
                }
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            return Long.MAX_VALUE; // the broker did not answer: not known to be caught up
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
