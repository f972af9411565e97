package nl.overdracht.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** Each overlay renders, and every object it renders is valid by its API's schema. */
class RenderedOverlaysTest {

    static final List<String> OVERLAYS = Overlays.ALL;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void every_rendered_object_is_valid_by_the_schema_of_its_api(String overlay) {
        // Given the objects the overlay renders
        List<JsonNode> objects = Overlays.render(overlay);

        // When each is read by its API's schema
        List<String> problems = objects.stream().flatMap(object -> ApiSchemas.problems(object).stream()).toList();

        // Then none has a problem, and the service, Kafka, PostgreSQL and the monitoring are all there
        assertThat(problems).isEmpty();
        assertThat(objects).extracting(object -> object.path("kind").asString()).contains("Deployment", "Service",
                "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "ConfigMap", "Kafka", "KafkaNodePool",
                "KafkaTopic", "KafkaUser", "Cluster", "ServiceMonitor", "PrometheusRule");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void no_secret_value_is_rendered(String overlay) {
        assertThat(Overlays.ofKind(overlay, "Secret"))
                .allSatisfy(secret -> {
                    assertThat(secret.path("data").isEmpty()).as("data of %s", secret.at("/metadata/name")).isTrue();
                    assertThat(secret.path("stringData").isEmpty()).as("stringData of %s", secret.at("/metadata/name"))
                            .isTrue();
                });
        assertThat(Overlays.render(overlay).toString()).doesNotContainIgnoringCase("BEGIN PRIVATE KEY")
                .doesNotContainIgnoringCase("password=\"");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void the_service_image_is_tagged_by_the_overlay(String overlay) {
        assertThat(Overlays.containers(overlay)).extracting(container -> container.path("image").asString())
                .isNotEmpty()
                .allSatisfy(image -> assertThat(image).matches("overdracht/transfer-service:[0-9][A-Za-z0-9._-]*"));
    }
}
