package nl.overdracht.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization under {@code k8s/} with {@code kubectl kustomize}, as a deployment does, into
 * one JSON tree per object.
 *
 * <p>Without kubectl on PATH the checks cannot run: under CI (the environment variable {@code CI} set)
 * that fails the test, since {@code .ci/run} installs kubectl; elsewhere the test is skipped, saying so.
 */
final class Kustomize {

    /** The repository's root (surefire sets the property; the default suits a run from this module). */
    static final Path REPOSITORY = Path.of(System.getProperty("overdracht.repository.dir", ".."));
    static final Path K8S = REPOSITORY.resolve("k8s");
    static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final long TIMEOUT_SECONDS = 60;

    private Kustomize() {
    }

    /** Every object {@code kubectl kustomize} renders from {@code k8s/<kustomization>}, in its order. */
    static List<JsonNode> render(String kustomization) {
        Path kubectl = kubectl();
        Path dir = K8S.resolve(kustomization);
        try {
            Path out = Files.createTempFile("kustomize-", ".yaml");
            Path err = Files.createTempFile("kustomize-", ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + dir + " did not end within " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return documents(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while kubectl kustomize ran", e);
        }
    }

    /** The non-empty documents of a multi-document YAML stream. */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    objects.add(document);
                }
            }
        }
        return objects;
    }

    private static Path kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "kubectl is not on PATH, so the manifests under k8s/ cannot be rendered; "
                + "install the Debian package kubectl (.ci/run does when it is absent)";
        if (System.getenv("CI") != null) {
            throw new AssertionError(message);
        }
        return Assumptions.abort(message);
    }
}
