package nl.overdracht.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, told to connect as the PostgreSQL superuser, stops at start with a message
 * naming {@code quarkus.datasource.username}, before it reports itself started or runs a job. Runs the real artefact
 * in a process of its own on an embedded PostgreSQL of its own (migrated as the owner, as always);
 * Kafka is named but not there, and not reached before the check.
 */
class SuperuserStartIT {

    private static final Path APP = Path.of(System.getProperty("overdracht.app.jar", "target/quarkus-app/quarkus-run.jar"));

    @TempDir
    Path dir;

    @Test
    void the_service_refuses_to_start_as_the_superuser_naming_the_property() throws Exception {
        assumeTrue(Files.isRegularFile(APP), "Skipped: the packaged service is absent (./mvnw verify packages it)");
        assumeTrue(hasEmbeddedInfrastructure(), "Skipped: a production build has no embedded PostgreSQL to start");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0",
                "-Doverdracht.embedded.data-dir=" + dir.resolve("data"),
                "-Dkafka.bootstrap.servers=127.0.0.1:9",
                "-Dquarkus.datasource.username=postgres", "-Dquarkus.datasource.password=postgres",
                "-jar", APP.toAbsolutePath().toString()))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        boolean stopped = process.waitFor(120, TimeUnit.SECONDS);
        if (!stopped) {
            process.destroyForcibly();
        }
        String text = output.get(10, TimeUnit.SECONDS);

        assertThat(stopped).as("the service stopped by itself:%n%s", text).isTrue();
        assertThat(process.exitValue()).as(text).isNotZero();
        assertThat(text).contains("quarkus.datasource.username names PostgreSQL role postgres, a superuser")
                .doesNotContain("Listening on");
    }

    private static boolean hasEmbeddedInfrastructure() throws IOException {
        Path lib = APP.toAbsolutePath().getParent().resolve("lib").resolve("main");
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.anyMatch(jar -> jar.getFileName().toString().contains("embedded-infrastructure"));
        }
    }
}
