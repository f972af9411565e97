package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.overdracht.testing.StartSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, started with settings missing or invalid, stops at once with one message
 * naming every one of them by property, before it has migrated, scheduled, subscribed or listened.
 * Each case runs the real artefact in a process of its own.
 *
 * <p>The default build's artefact carries the embedded module, which supplies whatever of PostgreSQL,
 * Kafka, a token key, the keys at rest and the signing identity is not configured: that is the
 * embedded run, and it passes the same check. Five settings decide whether it supplies anything
 * ({@link #EMBEDDED_TRIGGERS}). To start that artefact as a production deployment with no
 * configuration would start, each case gives those five a value — an invalid one where the case is
 * about missing settings, so that the check must name them too — and the embedded module then starts
 * and supplies nothing. Against a production build ({@code -Dproduction}, named by the system property
 * {@code overdracht.app.jar}), which has no embedded module, the first case also runs with no
 * configuration at all.
 */
class MisconfiguredStartIT {

    private static final Path APP = Path.of(System.getProperty("overdracht.app.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final Duration PROMPTLY = Duration.ofSeconds(60);
    private static final String HEADER = "Configuration validation failed:";

    /** The settings whose absence makes the embedded module start or supply something, each given an invalid value. */
    private static final Map<String, String> EMBEDDED_TRIGGERS = Map.of(
            "quarkus.datasource.reactive.url", "not-a-url",
            "kafka.bootstrap.servers", "no-port",
            "mp.jwt.verify.publickey.location", "/nonexistent/token-issuer.pem",
            "overdracht.crypto.kek-current", "v9",
            "overdracht.signing.private-key", "/nonexistent/signing-key.pem");

    /** What each of {@link #EMBEDDED_TRIGGERS} is refused with. */
    private static final List<String> EMBEDDED_TRIGGER_PROBLEMS = List.of(
            "quarkus.datasource.reactive.url: is not a PostgreSQL URL (postgresql://host:port/database)",
            "kafka.bootstrap.servers: is not a comma-separated list of host:port",
            "mp.jwt.verify.publickey.location: there is no readable file at /nonexistent/token-issuer.pem",
            "overdracht.crypto.kek-current: names version v9, which is not configured; configured: none",
            "overdracht.signing.private-key: there is no readable file at /nonexistent/signing-key.pem");

    @TempDir
    Path dir;

    @Test
    void with_nothing_configured_the_start_names_every_required_setting_at_once_and_runs_nothing() throws Exception {
        // Given nothing configured but what keeps the embedded module idle (invalid values)
        // When the packaged service starts
        Stopped stopped = start(EMBEDDED_TRIGGERS);

        // Then it stops at once, naming every required setting in one message, the five given ones as invalid
        stopped.assertRefusedBeforeAnythingRan();
        for (String property : StartSettings.REQUIRED) {
            assertThat(stopped.problems()).as(property).anyMatch(problem -> problem.startsWith(property + ": "));
        }
        assertThat(stopped.problems()).containsAll(EMBEDDED_TRIGGER_PROBLEMS);
    }

    @Test
    @Tag("production-build") // run by failsafe's production-build execution, against target/production-app
    void a_production_build_with_nothing_configured_names_every_required_setting_as_missing() throws Exception {
        assumePackaged();
        assumeFalse(hasEmbeddedInfrastructure(), "Skipped: the packaged service is the embedded run's; "
                + "run against a production build (-Dproduction, -Doverdracht.app.jar=…)");

        Stopped stopped = start(Map.of());

        stopped.assertRefusedBeforeAnythingRan();
        assertThat(stopped.problems()).hasSize(StartSettings.REQUIRED.size());
        for (String property : StartSettings.REQUIRED) {
            assertThat(stopped.problems()).as(property).anyMatch(problem -> problem.startsWith(property + ": not set; "));
        }
    }

    @Test
    void invalid_values_are_named_by_property_all_in_one_start() throws Exception {
        // Given a complete configuration with a wrong value for each kind of setting that can be wrong
        Map<String, String> properties = complete();
        properties.put("quarkus.datasource.jdbc.url", "jdbc:mysql://127.0.0.1:9/none");
        properties.put("kafka.bootstrap.servers", "127.0.0.1:9,127.0.0.1");
        properties.put("mp.jwt.verify.publickey.location", dir.resolve("absent.pem").toString());
        properties.put("overdracht.crypto.kek.v1", StartSettings.key(16));
        properties.put("overdracht.crypto.blind-index-key", "not base64!");
        properties.put("overdracht.signing.certificate", properties.get("overdracht.signing.private-key"));
        properties.put("overdracht.lifecycle.unmatched-enrolment-retention", "PT0S");

        // When the packaged service starts
        Stopped stopped = start(properties);

        // Then it stops at once, naming each of them and nothing else
        stopped.assertRefusedBeforeAnythingRan();
        assertThat(stopped.problems()).containsExactlyInAnyOrder(
                "quarkus.datasource.jdbc.url: is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)",
                "kafka.bootstrap.servers: is not a comma-separated list of host:port",
                "mp.jwt.verify.publickey.location: there is no readable file at " + dir.resolve("absent.pem"),
                "overdracht.crypto.kek.v1: must be base64 of exactly 32 bytes",
                "overdracht.crypto.blind-index-key: is not valid base64",
                "overdracht.signing.certificate: " + properties.get("overdracht.signing.private-key")
                        + " does not hold a PEM certificate",
                "overdracht.lifecycle.unmatched-enrolment-retention: must be positive");
    }

    @Test
    void a_validation_path_that_does_not_exist_stops_the_start_naming_the_property() throws Exception {
        String property = "overdracht.profiles.oso.validation.2019.1";
        Path absent = dir.resolve("ValideerOverstapprofielen.xsl");
        Map<String, String> properties = complete();
        properties.put(property, absent.toString());

        Stopped stopped = start(properties);

        stopped.assertRefusedBeforeAnythingRan();
        assertThat(stopped.problems()).containsExactly(property + ": there is no readable file at " + absent);
    }

    @Test
    void an_xsd_that_does_not_compile_stops_the_start_naming_the_property() throws Exception {
        String property = "overdracht.profiles.oso.xsd.2018.1";
        Path broken = Files.writeString(dir.resolve("broken.xsd"),
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"a\" type=\"geen\"/></xs:schema>");
        Map<String, String> properties = complete();
        properties.put(property, broken.toString());

        Stopped stopped = start(properties);

        stopped.assertRefusedBeforeAnythingRan();
        assertThat(stopped.problems()).singleElement().asString()
                .startsWith(property + ": the XSD at " + broken + " does not compile");
    }

    /**
     * A configuration the check passes: PostgreSQL and Kafka named but not there (nothing reaches them
     * before the check), keys, a signing identity and a token key written into the test's directory.
     */
    private Map<String, String> complete() {
        Map<String, String> properties = new HashMap<>(StartSettings.complete(dir));
        properties.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:9/none");
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:9/none");
        properties.put("kafka.bootstrap.servers", "127.0.0.1:9");
        return properties;
    }

    /** Starts the packaged service with exactly these system properties; answers once it has stopped. */
    private Stopped start(Map<String, String> properties) throws Exception {
        assumePackaged();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0",
                "-Doverdracht.embedded.data-dir=" + dir.resolve("data")));
        new LinkedHashMap<>(properties).forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", APP.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean stopped = process.waitFor(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
        if (!stopped) {
            process.destroyForcibly();
        }
        String text = output.get(10, TimeUnit.SECONDS);
        assertThat(stopped).as("the service stopped by itself within %s:%n%s", PROMPTLY, text).isTrue();
        return new Stopped(process.exitValue(), text);
    }

    /** What a start that stopped by itself printed, and how it ended. */
    private record Stopped(int exitCode, String output) {

        /** The lines of the one refusal, without their indentation. */
        List<String> problems() {
            List<String> lines = output.lines().toList();
            int header = lines.indexOf(HEADER);
            assertThat(header).as("the refusal:%n%s", output).isNotNegative();
            List<String> problems = new ArrayList<>();
            for (int i = header + 1; i < lines.size() && lines.get(i).startsWith("\t"); i++) {
                problems.add(lines.get(i).strip());
            }
            return problems;
        }

        /**
         * Refused with a non-zero exit and one message; nothing ran before: no listener, no migration,
         * no Kafka client, no scheduler, nothing embedded started, no stack trace.
         */
        void assertRefusedBeforeAnythingRan() {
            assertThat(exitCode).as(output).isNotZero();
            assertThat(output.split(HEADER, -1)).as("one refusal:%n%s", output).hasSize(2);
            assertThat(output).as("nothing ran before the refusal").doesNotContain(
                    "Listening on", "started in", "[org.flywaydb", "[org.apache.kafka", "[io.smallrye.reactive.messaging",
                    "[io.quarkus.scheduler", "[nl.overdracht", "Embedded infrastructure");
            assertThat(output).as("no stack trace").doesNotContain("\tat ", "Caused by:");
        }
    }

    private static void assumePackaged() {
        assumeTrue(Files.isRegularFile(APP), "Skipped: the packaged service is absent (./mvnw verify packages it)");
    }

    private static boolean hasEmbeddedInfrastructure() throws IOException {
        Path lib = APP.toAbsolutePath().getParent().resolve("lib").resolve("main");
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.anyMatch(jar -> jar.getFileName().toString().contains("embedded-infrastructure"));
        }
    }
}
