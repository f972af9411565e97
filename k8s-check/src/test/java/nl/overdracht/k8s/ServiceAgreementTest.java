package nl.overdracht.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** The manifests agree with what the service itself is configured to do (its application.properties). */
class ServiceAgreementTest {

    static final List<String> OVERLAYS = Overlays.ALL;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void the_grace_period_outlasts_the_shutdown_delay_and_both_shutdown_waits(String overlay) {
        // README, "Stopping": the background work and then the requests each get the timeout, around the delay
        Duration stopping = ServiceSettings.shutdownDelay().plus(ServiceSettings.shutdownTimeout().multipliedBy(2));

        long grace = Overlays.named(overlay, "Deployment", "overdracht")
                .at("/spec/template/spec/terminationGracePeriodSeconds").asLong();

        assertThat(Duration.ofSeconds(grace)).isGreaterThan(stopping);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void the_kafka_user_may_use_exactly_the_topic_and_the_consumer_groups_of_the_service(String overlay) {
        JsonNode user = Overlays.named(overlay, "KafkaUser", "overdracht-service");

        assertThat(aclNames(user, "group")).isEqualTo(ServiceSettings.consumerGroups());
        assertThat(aclNames(user, "topic")).isEqualTo(ServiceSettings.consumedTopics());
        assertThat(Overlays.ofKind(overlay, "KafkaTopic").map(topic -> topic.at("/metadata/name").asString()))
                .containsExactlyInAnyOrderElementsOf(ServiceSettings.consumedTopics());
        assertThat(user.at("/spec/authorization/acls").valueStream()
                .filter(acl -> acl.at("/resource/type").asString().equals("topic"))
                .flatMap(acl -> acl.path("operations").valueStream().map(JsonNode::asString)))
                .containsExactlyInAnyOrder("Read", "Write", "Describe");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void the_kafka_listener_the_service_uses_is_tls_with_scram_sha_512(String overlay) {
        JsonNode listeners = Overlays.named(overlay, "Kafka", "overdracht").at("/spec/kafka/listeners");

        assertThat(listeners.valueStream()).singleElement().satisfies(listener -> {
            assertThat(listener.path("tls").asBoolean()).isTrue();
            assertThat(listener.at("/authentication/type").asString()).isEqualTo("scram-sha-512");
            assertThat(listener.path("port").asInt()).isEqualTo(9093);
        });
        assertThat(Overlays.ofKind(overlay, "ConfigMap").map(map -> map.at("/data/overdracht.properties").asString(""))
                .filter(properties -> !properties.isEmpty()).toList()).singleElement().asString()
                .contains("kafka.bootstrap.servers=overdracht-kafka-bootstrap:9093")
                .contains("kafka.security.protocol=SASL_SSL")
                .contains("kafka.sasl.mechanism=SCRAM-SHA-512");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void prometheus_scrapes_the_metrics_on_the_management_port_of_the_service(String overlay) {
        JsonNode endpoint = Overlays.named(overlay, "ServiceMonitor", "overdracht").at("/spec/endpoints/0");
        JsonNode service = Overlays.named(overlay, "Service", "overdracht");

        assertThat(endpoint.path("path").asString()).isEqualTo("/q/metrics");
        assertThat(service.at("/spec/ports").valueStream()
                .filter(port -> port.path("name").asString().equals(endpoint.path("port").asString()))
                .map(port -> port.path("port").asInt())).containsExactly(ServiceSettings.managementPort());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void the_network_policy_lets_the_pods_reach_only_postgresql_kafka_dns_and_public_https(String overlay) {
        JsonNode egress = Overlays.named(overlay, "NetworkPolicy", "overdracht").at("/spec/egress");

        assertThat(egress.valueStream().limit(3).map(rule -> rule.at("/to/0/podSelector/matchLabels").toString()))
                .containsExactly("{\"cnpg.io/cluster\":\"overdracht-db\"}",
                        "{\"strimzi.io/broker-role\":\"true\",\"strimzi.io/cluster\":\"overdracht\"}",
                        "{\"k8s-app\":\"kube-dns\"}");
        assertThat(egress.valueStream().flatMap(rule -> rule.path("ports").valueStream())
                .map(port -> port.path("port").asInt())).containsExactly(5432, 9093, 53, 53, 443);
        JsonNode webhooks = egress.get(3);
        assertThat(webhooks.at("/to/0/ipBlock/cidr").asString()).isEqualTo("0.0.0.0/0");
        assertThat(webhooks.at("/to/0/ipBlock/except").valueStream().map(JsonNode::asString))
                .contains("10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16");
        assertThat(webhooks.at("/to/1/ipBlock/except").valueStream().map(JsonNode::asString))
                .contains("::1/128", "fc00::/7", "fe80::/10");
    }

    private static Set<String> aclNames(JsonNode user, String type) {
        Set<String> names = new TreeSet<>();
        user.at("/spec/authorization/acls").valueStream()
                .filter(acl -> acl.at("/resource/type").asString().equals(type))
                .forEach(acl -> names.add(acl.at("/resource/name").asString()));
        return names;
    }
}
