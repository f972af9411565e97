package nl.overdracht.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The schema check refuses what an API server would drop or refuse, for each source of schemas. */
class ApiSchemasTest {

    @Test
    void a_misspelt_field_of_a_kubernetes_object_is_refused() {
        JsonNode deployment = object("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: overdracht}
                spec:
                  replica: 2
                  selector: {matchLabels: {app: overdracht}}
                  template: {spec: {containers: [{name: app, image: overdracht/transfer-service:1}]}}
                """);

        assertThat(ApiSchemas.problems(deployment)).singleElement().asString().contains("replica");
    }

    @Test
    void a_quoted_number_is_refused_where_the_api_wants_a_number() {
        JsonNode autoscaler = object("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: overdracht}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: overdracht}
                  minReplicas: 2
                  maxReplicas: 6
                """);
        JsonNode quoted = object(autoscaler.toString().replace("\"minReplicas\":2", "\"minReplicas\":\"2\""));

        assertThat(ApiSchemas.problems(autoscaler)).isEmpty();
        assertThat(ApiSchemas.problems(quoted)).singleElement().asString().contains("minReplicas");
    }

    @Test
    void a_misspelt_field_of_a_strimzi_object_is_refused() {
        JsonNode topic = object("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: dossier-events, labels: {strimzi.io/cluster: overdracht}}
                spec: {partitions: 3, replicas: 1}
                """);
        JsonNode misspelt = object(topic.toString().replace("\"replicas\"", "\"replication\""));

        assertThat(ApiSchemas.problems(topic)).isEmpty();
        assertThat(ApiSchemas.problems(misspelt)).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).contains("replication"));
    }

    @Test
    void a_strimzi_object_without_a_required_field_is_refused() {
        JsonNode pool = object("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaNodePool
                metadata: {name: dual-role, labels: {strimzi.io/cluster: overdracht}}
                spec: {replicas: 1, roles: [broker], storage: {type: ephemeral}}
                """);
        JsonNode withoutRoles = object(pool.toString().replace("\"roles\":[\"broker\"],", ""));

        assertThat(ApiSchemas.problems(pool)).isEmpty();
        assertThat(ApiSchemas.problems(withoutRoles)).singleElement().asString().contains("roles");
    }

    @Test
    void a_misspelt_field_of_a_cloudnative_pg_object_is_refused() {
        JsonNode cluster = object("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: overdracht-db}
                spec: {instances: 1, storage: {size: 1Gi}}
                """);
        JsonNode misspelt = object(cluster.toString().replace("\"instances\"", "\"instance\""));
        JsonNode wrongType = object(cluster.toString().replace("\"instances\":1", "\"instances\":\"one\""));

        assertThat(ApiSchemas.problems(cluster)).isEmpty();
        assertThat(ApiSchemas.problems(misspelt)).anySatisfy(problem -> assertThat(problem).contains("instance"));
        assertThat(ApiSchemas.problems(wrongType)).anySatisfy(problem -> assertThat(problem).contains("instances"));
    }

    @Test
    void a_misspelt_field_of_a_prometheus_operator_object_is_refused() {
        JsonNode monitor = object("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: overdracht}
                spec: {selector: {matchLabels: {app: overdracht}}, endpoints: [{port: management, pat: /q/metrics}]}
                """);

        assertThat(ApiSchemas.problems(monitor)).isNotEmpty().allSatisfy(problem -> assertThat(problem).contains("pat"));
    }

    @Test
    void a_kind_without_a_known_schema_is_refused() {
        JsonNode ingress = object("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: overdracht}
                """);

        assertThat(ApiSchemas.problems(ingress)).singleElement().asString().contains("no API schema");
    }

    private static JsonNode object(String yaml) {
        return Kustomize.YAML.readTree(yaml);
    }
}
