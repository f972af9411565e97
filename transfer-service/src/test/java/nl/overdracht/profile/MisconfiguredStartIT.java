package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, started with an official OSO file that is not there or does not compile,
 * stops at start with a message naming the property; it never becomes a ready service that fails
 * every submission. Runs the real artefact in a process of its own on an embedded PostgreSQL of its
 * own, left unmigrated (the start checks the database role before the profiles); Kafka is named but
 * not there, and not reached before the check.
 */
class MisconfiguredStartIT {

    private static final Path APP = Path.of(System.getProperty("overdracht.app.jar", "target/quarkus-app/quarkus-run.jar"));

    @TempDir
    Path dir;

    @Test
    void a_validation_path_that_does_not_exist_stops_the_start_naming_the_property() throws Exception {
        String property = "overdracht.profiles.oso.validation.2019.1";

        String output = startFails(property, dir.resolve("ValideerOverstapprofielen.xsl").toString());

        assertThat(output).contains(property + ": there is no readable file at");
    }

    @Test
    void an_xsd_that_does_not_compile_stops_the_start_naming_the_property() throws Exception {
        String property = "overdracht.profiles.oso.xsd.2018.1";
        Path broken = Files.writeString(dir.resolve("broken.xsd"),
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"a\" type=\"geen\"/></xs:schema>");

        String output = startFails(property, broken.toString());

        assertThat(output).contains(property + ": the XSD at " + broken + " does not compile");
    }

    /** Starts the packaged service with {@code property} set; answers its output once it has stopped. */
    private String startFails(String property, String value) throws Exception {
        assumeTrue(Files.isRegularFile(APP), "Skipped: the packaged service is absent (./mvnw verify packages it)");
        assumeTrue(hasEmbeddedInfrastructure(), "Skipped: a production build has no development keys to start with");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0",
                "-Doverdracht.embedded.data-dir=" + dir.resolve("data"),
                "-Dkafka.bootstrap.servers=127.0.0.1:9", "-Dquarkus.flyway.migrate-at-start=false",
                "-D" + property + "=" + value, "-jar", APP.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
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
        assertThat(text).doesNotContain("Listening on");
        return text;
    }

    private static boolean hasEmbeddedInfrastructure() throws IOException {
        Path lib = APP.toAbsolutePath().getParent().resolve("lib").resolve("main");
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.anyMatch(jar -> jar.getFileName().toString().contains("embedded-infrastructure"));
        }
    }
}
