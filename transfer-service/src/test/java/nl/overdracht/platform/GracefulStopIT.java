package nl.overdracht.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.Directories;
import nl.overdracht.embedded.MintToken;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, sent SIGTERM while it works, stops in order and quietly: readiness reports
 * DOWN while the listeners still answer, the timers and consumers stop and their work in progress
 * ends while PostgreSQL and Kafka are there, the consumers commit what they handled, and nothing
 * after the signal is a warning, an error or a stack trace. Runs the embedded run (a fresh data
 * directory under {@code target}, random ports) in a process of its own; the embedded servers stop
 * after the service. The JVM ends on a SIGTERM with exit status 143 (128 + 15); Quarkus keeps it.
 */
class GracefulStopIT {

    private static final Path APP = Path.of(System.getProperty("overdracht.app.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final Path DATA = Path.of("target", "embedded-data-graceful-stop-it");
    private static final Pattern LISTENING = Pattern.compile(
            "Listening on: http://[^:]+:(\\d+)\\. Management interface listening on http://[^:]+:(\\d+)");
    /** A log line at WARN or ERROR, or a line of a stack trace (its first, its frames, its causes). */
    private static final Pattern NOISE = Pattern.compile(
            "^\\S+ \\S+ +(WARN|ERROR) |^\\s+at |^Caused by|^[a-z][\\w.$]*(Exception|Error|Throwable)(: |$)");
    private static final Duration DELAY = Duration.ofSeconds(3);
    private static final int SIGTERM_EXIT = 143;
    private static final List<String> CONSUMER_GROUPS = List.of("overdracht-school-notifications", "overdracht-delivery",
            "overdracht-webhooks");

    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void freshDataDirectory() throws IOException {
        assumeTrue(Files.isRegularFile(APP), "Skipped: the packaged service is absent (./mvnw verify packages it)");
        assumeTrue(hasEmbeddedInfrastructure(), "Skipped: a production build has no embedded PostgreSQL and Kafka");
        Directories.deleteRecursively(DATA);
    }

    @AfterEach
    void stopWhatIsLeft() {
        processes.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
    }

    @Test
    void sigterm_turns_readiness_down_lets_work_in_progress_end_and_stops_without_a_warning() throws Exception {
        // Given the packaged service, ready, with dossiers just submitted for the relay, the consumers and the chainer
        Service service = start("first", List.of());
        String school = TestSchools.dutch();
        for (int i = 0; i < 5; i++) {
            submit(service, school);
        }

        // When it is sent SIGTERM
        int signalledAt = service.output().length();
        service.process().destroy();

        // Then readiness reports DOWN while the management listener still answers
        Awaitility.await("readiness DOWN during the shutdown delay").atMost(DELAY).pollInterval(Duration.ofMillis(100))
                .until(() -> readiness(service) == 503);
        // and it stops by itself, with the status a SIGTERM gives
        assertStoppedBySigterm(service);
        // having stopped its background work before it stopped, and said nothing alarming after the signal
        String afterSignal = service.output().substring(signalledAt);
        assertThat(afterSignal).containsSubsequence("Background work stopped", "overdracht stopped in");
        List<String> noise = afterSignal.lines().filter(line -> NOISE.matcher(line).find()).toList();
        assertThat(noise).as("warnings, errors and stack traces after SIGTERM:%n%s", afterSignal).isEmpty();
    }

    @Test
    void the_consumers_commit_what_they_handled_as_they_stop() throws Exception {
        // Given a service whose consumers commit only as they stop (no periodic commit), and a
        // dossier submitted and withdrawn: two events, both handled (the sending school has heard of the withdrawal)
        Service first = start("first", List.of("-Dkafka.auto.commit.interval.ms=3600000"));
        String school = TestSchools.dutch();
        String id = submit(first, school);
        api(first).header("Authorization", "Bearer " + token(school)).when().delete("/api/v1/dossiers/" + id)
                .then().statusCode(200);
        Awaitility.await("the withdrawal heard of").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api(first).header("Authorization", "Bearer " + token(school)).when()
                        .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath()
                        .getList("findAll { it.dossierId == '" + id + "' && it.state == 'WITHDRAWN' }").size() == 1);

        // When it is stopped with SIGTERM and started again on the same data
        first.process().destroy();
        assertStoppedBySigterm(first);
        Service second = start("second",
                List.of("-Dquarkus.log.category.\"org.apache.kafka.clients.consumer.internals\".level=INFO"));

        // Then each consumer group resumes after the two events on their partition: the offsets were committed on the way down
        Pattern resumed = Pattern.compile(
                "Setting offset for partition (dossier-events-\\d+) to the committed offset FetchPosition\\{offset=2,");
        List<String> partitions = new ArrayList<>();
        Awaitility.await("every consumer group resuming at its committed offset").atMost(Duration.ofSeconds(30))
                .until(() -> {
                    partitions.clear();
                    resumed.matcher(second.output()).results().forEach(result -> partitions.add(result.group(1)));
                    return partitions.size() == CONSUMER_GROUPS.size();
                });
        assertThat(partitions).as("one partition holds the dossier's events").containsOnly(partitions.get(0));
        for (String group : CONSUMER_GROUPS) {
            assertThat(second.output()).doesNotContain("groupId=" + group + "] Found no committed offset for partition "
                    + partitions.get(0) + "\n");
        }
        second.process().destroy();
        assertStoppedBySigterm(second);
    }

    /** Starts the packaged service on {@link #DATA}; answers once it is ready. */
    private Service start(String name, List<String> properties) {
        Path log = Path.of("target", "graceful-stop-it-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0",
                "-Doverdracht.embedded.data-dir=" + DATA.toAbsolutePath(),
                "-Dquarkus.shutdown.delay=" + DELAY.toSeconds() + "S",
                "-Doverdracht.registry.require-registered=false",
                "-Doverdracht.crypto.warm-up-rounds=0"));
        command.addAll(properties);
        command.addAll(List.of("-jar", APP.toAbsolutePath().toString()));
        Process process;
        try {
            // a file, not a pipe: a process's pipes close with Process.destroy(), and its last lines matter here
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        processes.add(process);
        Matcher ports = LISTENING.matcher("");
        Awaitility.await("the service listening").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(process.isAlive()).as("the service is running:%n%s", Files.readString(log)).isTrue();
                    return ports.reset(Files.readString(log)).find();
                });
        Service service = new Service(process, log, Integer.parseInt(ports.group(1)), Integer.parseInt(ports.group(2)));
        Awaitility.await("the service ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> readiness(service) == 200);
        return service;
    }

    private static void assertStoppedBySigterm(Service service) throws InterruptedException {
        assertThat(service.process().waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s:%n%s", service.output()).isTrue();
        assertThat(service.process().exitValue()).as(service.output()).isEqualTo(SIGTERM_EXIT);
    }

    /** Submits a sample OSO dossier as {@code school}; answers its id. */
    private static String submit(Service service, String school) {
        return api(service).header("Authorization", "Bearer " + token(school)).contentType("application/xml")
                .body(Dossiers.oso("POVO", Pupils.bsn(), school).bytes())
                .when().post("/api/v1/dossiers").then().statusCode(201).extract().path("id");
    }

    private static int readiness(Service service) {
        return given().baseUri("http://localhost").port(service.management()).when().get("/q/health/ready").statusCode();
    }

    private static RequestSpecification api(Service service) {
        return given().baseUri("http://localhost").port(service.http());
    }

    /** A sending school's token, signed with the key the embedded run keeps beside its verification key. */
    private static String token(String school) {
        PrivateKey key = DevSigningKey.readPrivateKey(DATA.toAbsolutePath().resolve("keys").resolve(DevSigningKey.PRIVATE_KEY_FILE));
        return MintToken.mint(MintToken.Request.forSchool(school, Roles.SENDING_SCHOOL), key);
    }

    /** A started service: its process, its output file and its ports. */
    private record Service(Process process, Path log, int http, int management) {

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean hasEmbeddedInfrastructure() throws IOException {
        try (Stream<Path> jars = Files.list(APP.toAbsolutePath().getParent().resolve("lib").resolve("main"))) {
            return jars.anyMatch(jar -> jar.getFileName().toString().contains("embedded-infrastructure"));
        }
    }

}
