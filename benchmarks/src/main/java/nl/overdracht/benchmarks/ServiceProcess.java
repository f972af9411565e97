package nl.overdracht.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code quarkus-run.jar}) as a process of its own, as the crash check and the
 * fault suite start it: with the given {@code -D} settings and environment, its output in a log
 * file, ready once its readiness check answers 200. It ends by SIGKILL ({@link #kill()}: no shutdown
 * hook, no clean stop of anything) or by SIGTERM ({@link #stop()}: its graceful shutdown).
 */
final class ServiceProcess {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(Process process, Path log, int managementPort) {
        this.process = process;
        this.log = log;
        this.managementPort = managementPort;
    }

    /**
     * Starts {@code jar} with {@code settings} as system properties and {@code environment} added to
     * this JVM's, its output in {@code log}; answers once readiness on {@code managementPort} says UP.
     */
    static ServiceProcess start(Path jar, Map<String, String> settings, Map<String, String> environment, Path log,
            int managementPort) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        // a suite stopped with Ctrl-C leaves no service behind
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "service-" + process.pid() + "-stop"));
        ServiceProcess service = new ServiceProcess(process, log, managementPort);
        service.awaitReady();
        return service;
    }

    /**
     * Starts {@code jar} as {@code deploy/run-local.sh} does, embedded PostgreSQL and Kafka with their data
     * in {@code dataDir} (kept), on the given ports, with the objection window set to zero; answers once
     * it is ready.
     */
    static ServiceProcess embedded(Path jar, Path dataDir, int postgresPort, int httpPort, int managementPort, Path log)
            throws IOException, InterruptedException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("overdracht.embedded.postgres-port", Integer.toString(postgresPort));
        settings.put("quarkus.http.port", Integer.toString(httpPort));
        settings.put("quarkus.management.port", Integer.toString(managementPort));
        settings.put("overdracht.lifecycle.objection-window-override", "PT0S");
        settings.put("quarkus.log.category.\"nl.overdracht.platform.ProblemMapper\".level", "ERROR");
        return start(jar, settings, Map.of("OVERDRACHT_EMBEDDED_DATA_DIR", dataDir.toString()), log, managementPort);
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, SIGKILL when it has not stopped within a minute. Nothing happens when it has ended. */
    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** What {@code /q/health/{check}} says ({@code live} or {@code ready}), on one line; or why there is no answer. */
    String health(String check) throws InterruptedException {
        try {
            return http.send(request(check), HttpResponse.BodyHandlers.ofString()).body().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }

    private HttpRequest request(String check) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/" + check))
                .timeout(Duration.ofSeconds(5)).build();
    }

    private void awaitReady() throws InterruptedException {
        HttpRequest readiness = request("ready");
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped; see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not become ready in " + READY_WITHIN + "; see " + log);
    }
}
