package nl.overdracht.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The API schema of every kind the manifests may hold, by {@code apiVersion} and {@code kind}: the
 * Kubernetes kinds by fabric8's model; the Prometheus operator's by fabric8's model and the operator's
 * CustomResourceDefinitions; Strimzi's by Strimzi's own model and its CustomResourceDefinitions;
 * CloudNativePG's, which has no Java model, by its CustomResourceDefinitions. A kind not listed here has no schema
 * to be checked against, and is refused.
 */
final class ApiSchemas {

    private static final String STRIMZI_CRDS = "crds/strimzi/";
    private static final String CNPG_CRDS = "crds/cloudnative-pg/";
    private static final String MONITORING_CRDS = "crds/prometheus-operator/";
    private static final Map<String, Function<JsonNode, List<String>>> SCHEMAS = Map.ofEntries(
            fabric8("v1", "ServiceAccount", ServiceAccount.class),
            fabric8("v1", "ConfigMap", ConfigMap.class),
            fabric8("v1", "Secret", Secret.class),
            fabric8("v1", "Service", Service.class),
            fabric8("apps/v1", "Deployment", Deployment.class),
            fabric8("policy/v1", "PodDisruptionBudget", PodDisruptionBudget.class),
            fabric8("autoscaling/v2", "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            fabric8("networking.k8s.io/v1", "NetworkPolicy", NetworkPolicy.class),
            monitoring("ServiceMonitor", ServiceMonitor.class, "monitoring.coreos.com_servicemonitors.yaml"),
            monitoring("PrometheusRule", PrometheusRule.class, "monitoring.coreos.com_prometheusrules.yaml"),
            strimzi("Kafka", Kafka.class, "040-Crd-kafka.yaml"),
            strimzi("KafkaNodePool", KafkaNodePool.class, "045-Crd-kafkanodepool.yaml"),
            strimzi("KafkaTopic", KafkaTopic.class, "043-Crd-kafkatopic.yaml"),
            strimzi("KafkaUser", KafkaUser.class, "044-Crd-kafkauser.yaml"),
            cloudNativePg("Cluster", "postgresql.cnpg.io_clusters.yaml"),
            cloudNativePg("ScheduledBackup", "postgresql.cnpg.io_scheduledbackups.yaml"));

    private ApiSchemas() {
    }

    /** What is wrong with {@code object} by its API's schema, one line per problem; empty when nothing is. */
    static List<String> problems(JsonNode object) {
        String key = key(object.path("apiVersion").asString(), object.path("kind").asString());
        Function<JsonNode, List<String>> schema = SCHEMAS.get(key);
        if (schema == null) {
            return List.of(key + ": no API schema is known for this kind, so it cannot be checked");
        }
        return schema.apply(object).stream().map(problem -> key + " " + object.at("/metadata/name").asString() + ": "
                + problem).toList();
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + "/" + kind;
    }

    private static Map.Entry<String, Function<JsonNode, List<String>>> fabric8(String apiVersion, String kind,
            Class<?> type) {
        return Map.entry(key(apiVersion, kind), object -> listOf(StrictModels.fabric8Problem(object, type)));
    }

    /** fabric8's model knows the Prometheus operator's fields, the operator's CRDs which are required. */
    private static Map.Entry<String, Function<JsonNode, List<String>>> monitoring(String kind, Class<?> type, String crd) {
        CrdSchema schema = CrdSchema.of(MONITORING_CRDS + crd, "v1");
        return Map.entry(key("monitoring.coreos.com/v1", kind), object -> {
            List<String> problems = new ArrayList<>(listOf(StrictModels.fabric8Problem(object, type)));
            problems.addAll(schema.problems(object));
            return problems;
        });
    }

    /** Strimzi's model knows every field, its CRD which are required and which values each may take. */
    private static Map.Entry<String, Function<JsonNode, List<String>>> strimzi(String kind, Class<?> type, String crd) {
        CrdSchema schema = CrdSchema.of(STRIMZI_CRDS + crd, "v1");
        return Map.entry(key("kafka.strimzi.io/v1", kind), object -> {
            List<String> problems = new ArrayList<>(listOf(StrictModels.strimziProblem(object, type)));
            problems.addAll(schema.problems(object));
            return problems;
        });
    }

    /** The CRD's schema says nothing of metadata beyond "an object": fabric8's ObjectMeta checks it. */
    private static Map.Entry<String, Function<JsonNode, List<String>>> cloudNativePg(String kind, String crd) {
        CrdSchema schema = CrdSchema.of(CNPG_CRDS + crd, "v1");
        return Map.entry(key("postgresql.cnpg.io/v1", kind), object -> {
            List<String> problems = new ArrayList<>(schema.problems(object));
            problems.addAll(listOf(StrictModels.fabric8Problem(object.path("metadata"), ObjectMeta.class)));
            return problems;
        });
    }

    private static List<String> listOf(String problem) {
        return problem == null ? List.of() : List.of(problem);
    }
}
