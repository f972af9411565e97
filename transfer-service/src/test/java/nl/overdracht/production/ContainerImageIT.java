package nl.overdracht.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The container image the production build writes (README "The image"), read from its tarball: what
 * a deployment relies on (a numeric user that is not root, the java binary as the exec-form
 * entrypoint, the documented ports and labels) and what must not be in it (the embedded
 * infrastructure, a shell). The build writes the tarball with the production jar these tests run
 * beside, so a missing tarball fails.
 */
@Tag(ProductionBuild.TAG)
class ContainerImageIT {

    private static ContainerImage image;

    @BeforeAll
    static void readImage() throws IOException {
        assertThat(ContainerImage.tarball()).as("the image the production build writes").exists();
        image = ContainerImage.read(ContainerImage.tarball());
    }

    @Test
    void runsAsANumericUserThatIsNotRoot() {
        String user = image.config().path("User").asText();

        assertThat(user).matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isNotZero();
        assertThat(user.split(":")).allSatisfy(id -> assertThat(Integer.parseInt(id)).isNotZero());
    }

    @Test
    void startsTheJavaBinaryOfTheImageOnTheQuarkusApplicationWithoutAShell() {
        List<String> entrypoint = texts(image.config().path("Entrypoint"));

        assertThat(entrypoint).first().asString().startsWith("/").endsWith("/java");
        assertThat(image.paths()).contains(entrypoint.get(0).substring(1));
        assertThat(entrypoint).containsSubsequence("-jar", "/app/quarkus-run.jar")
                .contains("-XX:+ExitOnOutOfMemoryError").anyMatch(arg -> arg.startsWith("-XX:MaxRAMPercentage="));
        assertThat(image.config().path("Cmd").isMissingNode() || image.config().path("Cmd").isEmpty()
                || image.config().path("Cmd").isNull()).as("no command after the entrypoint").isTrue();
        assertThat(image.paths()).contains("app/quarkus-run.jar");
    }

    @Test
    void exposesTheApiAndTheManagementPort() {
        List<String> ports = new ArrayList<>();
        image.config().path("ExposedPorts").fieldNames().forEachRemaining(ports::add);

        assertThat(ports).containsExactlyInAnyOrder("8080/tcp", "9000/tcp");
        assertThat(image.config().path("WorkingDir").asText()).isEqualTo("/app");
        assertThat(image.config().path("Volumes").has("/tmp")).as("/tmp, the one path written").isTrue();
    }

    @Test
    void carriesTheOpenContainerLabels() {
        JsonNode labels = image.config().path("Labels");

        assertThat(List.of("title", "source", "version", "licenses", "description"))
                .allSatisfy(label -> assertThat(labels.path("org.opencontainers.image." + label).asText())
                        .as(label).isNotBlank());
    }

    @Test
    void holdsNeitherTheEmbeddedInfrastructureNorAShell() {
        assertThat(image.paths()).as("the application's libraries").anyMatch(path -> path.startsWith("app/lib/main/"));
        assertThat(image.paths()).noneMatch(path -> path.contains("embedded-infrastructure"))
                .noneMatch(path -> path.contains("!nl/overdracht/embedded/"))
                .noneMatch(path -> path.matches("(usr/)?s?bin/(sh|bash|dash|ash|busybox)"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
