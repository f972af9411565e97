package nl.overdracht.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Production survives the loss of one node of each: three Kafka brokers with dossier-events replicated
 * three times and writable with two in sync, three PostgreSQL instances, two service pods or more.
 * Development runs one of each.
 */
class TopologyTest {

    @Test
    void production_runs_three_brokers_and_dossier_events_at_replication_3_with_2_in_sync() {
        assertThat(brokers("production")).isEqualTo(3);
        JsonNode topic = Overlays.named("production", "KafkaTopic", "dossier-events");
        assertThat(topic.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).isEqualTo(2);
        JsonNode kafkaConfig = Overlays.named("production", "Kafka", "overdracht").at("/spec/kafka/config");
        assertThat(kafkaConfig.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(kafkaConfig.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(kafkaConfig.path("offsets.topic.replication.factor").asInt()).isEqualTo(3);
    }

    @Test
    void production_runs_three_postgresql_instances_backed_up_nightly() {
        JsonNode cluster = Overlays.named("production", "Cluster", "overdracht-db");
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
        assertThat(cluster.at("/spec/backup/barmanObjectStore/destinationPath").asString("")).startsWith("s3://");
        assertThat(Overlays.named("production", "ScheduledBackup", "overdracht-db-nightly").at("/spec/cluster/name")
                .asString()).isEqualTo("overdracht-db");
    }

    @Test
    void production_runs_two_service_pods_or_more_and_lets_one_be_disrupted() {
        assertThat(Overlays.named("production", "Deployment", "overdracht").at("/spec/replicas").asInt())
                .isGreaterThanOrEqualTo(2);
        assertThat(Overlays.named("production", "HorizontalPodAutoscaler", "overdracht").at("/spec/minReplicas").asInt())
                .isGreaterThanOrEqualTo(2);
        assertThat(Overlays.named("production", "PodDisruptionBudget", "overdracht").at("/spec/maxUnavailable").asInt())
                .isEqualTo(1);
    }

    @Test
    void dev_runs_one_broker_one_replica_and_one_postgresql_instance_without_backups() {
        assertThat(brokers("dev")).isEqualTo(1);
        JsonNode topic = Overlays.named("dev", "KafkaTopic", "dossier-events");
        assertThat(topic.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).isEqualTo(1);
        JsonNode cluster = Overlays.named("dev", "Cluster", "overdracht-db");
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(1);
        assertThat(cluster.at("/spec/backup").isMissingNode()).isTrue();
        assertThat(Overlays.ofKind("dev", "ScheduledBackup")).isEmpty();
    }

    private static int brokers(String overlay) {
        return Overlays.ofKind(overlay, "KafkaNodePool")
                .filter(pool -> pool.at("/metadata/labels/strimzi.io~1cluster").asString("").equals("overdracht"))
                .filter(pool -> pool.at("/spec/roles").valueStream().anyMatch(role -> role.asString().equals("broker")))
                .mapToInt(pool -> pool.at("/spec/replicas").asInt())
                .sum();
    }
}
