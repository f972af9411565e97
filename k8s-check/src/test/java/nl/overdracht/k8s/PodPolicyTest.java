package nl.overdracht.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/**
 * What every pod of the service must be, whatever the overlay: uid 10001 and never root, a read-only
 * root file system with a writable /tmp, no capabilities and no way to gain privileges, the runtime's
 * seccomp profile; probed on the management port, with resources requested and memory limited.
 */
class PodPolicyTest {

    static final List<String> OVERLAYS = Overlays.ALL;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void every_pod_runs_as_uid_10001_under_the_runtime_seccomp_profile(String overlay) {
        assertThat(Overlays.podSpecs(overlay)).isNotEmpty().allSatisfy(pod -> {
            JsonNode security = pod.path("securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean(false)).isTrue();
            assertThat(security.path("runAsUser").asInt(0)).isEqualTo(10001);
            assertThat(security.at("/seccompProfile/type").asString("")).isEqualTo("RuntimeDefault");
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void every_container_is_non_root_read_only_without_capabilities_or_privilege_escalation(String overlay) {
        assertThat(Overlays.containers(overlay)).isNotEmpty().allSatisfy(container -> {
            JsonNode security = container.path("securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean(false)).as("runAsNonRoot").isTrue();
            assertThat(security.path("runAsUser").asInt(0)).as("runAsUser").isEqualTo(10001);
            assertThat(security.path("readOnlyRootFilesystem").asBoolean(false)).as("readOnlyRootFilesystem").isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as("allowPrivilegeEscalation").isFalse();
            assertThat(security.at("/capabilities/drop").valueStream().map(JsonNode::asString)).as("dropped")
                    .containsExactly("ALL");
            assertThat(security.at("/capabilities/add").isEmpty()).as("no capability added").isTrue();
            assertThat(security.at("/seccompProfile/type").asString("")).isEqualTo("RuntimeDefault");
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void every_container_has_an_empty_dir_at_tmp(String overlay) {
        assertThat(Overlays.podSpecs(overlay)).allSatisfy(pod -> {
            List<String> emptyDirs = pod.path("volumes").valueStream().filter(volume -> volume.has("emptyDir"))
                    .map(volume -> volume.path("name").asString()).toList();
            assertThat(pod.path("containers").valueStream()).allSatisfy(container -> assertThat(
                    container.path("volumeMounts").valueStream()
                            .filter(mount -> mount.path("mountPath").asString().equals("/tmp"))
                            .map(mount -> mount.path("name").asString()))
                    .singleElement().isIn(emptyDirs));
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void every_container_has_its_three_probes_on_the_management_port(String overlay) {
        assertThat(Overlays.podSpecs(overlay).flatMap(pod -> pod.path("containers").valueStream()))
                .isNotEmpty().allSatisfy(container -> {
                    assertThat(probe(container, "startupProbe")).isEqualTo("management /q/health/started");
                    assertThat(probe(container, "livenessProbe")).isEqualTo("management /q/health/live");
                    assertThat(probe(container, "readinessProbe")).isEqualTo("management /q/health/ready");
                    assertThat(container.path("ports").valueStream()
                            .filter(port -> port.path("name").asString().equals("management"))
                            .map(port -> port.path("containerPort").asInt()))
                            .containsExactly(ServiceSettings.managementPort());
                });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void every_container_requests_cpu_and_memory_and_is_limited_in_memory(String overlay) {
        assertThat(Overlays.containers(overlay)).isNotEmpty().allSatisfy(container -> {
            JsonNode resources = container.path("resources");
            assertThat(resources.at("/requests/cpu").asString("")).isNotBlank();
            assertThat(resources.at("/requests/memory").asString("")).isNotBlank();
            assertThat(resources.at("/limits/memory").asString("")).isNotBlank();
        });
    }

    private static String probe(JsonNode container, String probe) {
        JsonNode get = container.at("/" + probe + "/httpGet");
        return get.path("port").asString("") + " " + get.path("path").asString("");
    }
}
