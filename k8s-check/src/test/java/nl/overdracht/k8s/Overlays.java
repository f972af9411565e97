package nl.overdracht.k8s;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The overlays under {@code k8s/overlays/}, each rendered once per test run, and ways to find objects in them. */
final class Overlays {

    /** Every overlay a deployment may apply. */
    static final List<String> ALL = List.of("dev", "production");
    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    /** The objects {@code overlay} renders. */
    static List<JsonNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> List.copyOf(Kustomize.render("overlays/" + name)));
    }

    static Stream<JsonNode> ofKind(String overlay, String kind) {
        return render(overlay).stream().filter(object -> object.path("kind").asString().equals(kind));
    }

    /** The one object of {@code kind} named {@code name}. */
    static JsonNode named(String overlay, String kind, String name) {
        List<JsonNode> found = ofKind(overlay, kind).filter(object -> object.at("/metadata/name").asString().equals(name))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(overlay + " renders " + found.size() + " " + kind + " named " + name + ", not one");
        }
        return found.get(0);
    }

    /** The pod templates of every workload: Deployments, StatefulSets, DaemonSets and Jobs. */
    static Stream<JsonNode> podSpecs(String overlay) {
        return render(overlay).stream()
                .filter(object -> List.of("Deployment", "StatefulSet", "DaemonSet", "Job").contains(object.path("kind").asString()))
                .map(object -> object.at("/spec/template/spec"));
    }

    /** Every container and init container of every workload. */
    static Stream<JsonNode> containers(String overlay) {
        return podSpecs(overlay).flatMap(pod -> Stream.concat(pod.path("initContainers").valueStream(),
                pod.path("containers").valueStream()));
    }
}
