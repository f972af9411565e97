package nl.overdracht.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import nl.overdracht.embedded.DatabaseRoles;
import nl.overdracht.embedded.DevServiceKeys;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.Directories;
import nl.overdracht.embedded.Loopback;
import nl.overdracht.embedded.StandaloneKafka;
import nl.overdracht.embedded.StandalonePostgres;

/**
 * The production topology on one machine: a PostgreSQL ({@link StandalonePostgres}, its database and
 * roles made by the DBA's script) and a Kafka ({@link StandaloneKafka}) as processes of their own,
 * keys made for this run in {@code keys/}, and replicas of the packaged service against them as a
 * deployment runs it: nothing embedded ({@code overdracht.embedded.enabled=false}), requests and jobs
 * as {@value DatabaseRoles#APP}, Flyway migrating at start as {@value DatabaseRoles#OWNER}, registration
 * required (the production profile's default), each replica on its own HTTP and management ports with
 * its log in {@code <name>.log}. The secrets are in {@code secrets.properties}, which only its owner
 * reads ({@code quarkus.config.locations}); the rest are system properties. Everything lives in one
 * directory, wiped at the start and kept after {@link #close()} for a look.
 */
final class ProductionTopology implements AutoCloseable {

    private static final Set<String> SECRETS = Set.of("quarkus.datasource.password", "quarkus.flyway.password",
            "overdracht.crypto.blind-index-key");

    /** One replica's name, ports and settings; {@link #start()} starts a process of it, again after it ended. */
    record Replica(String name, int httpPort, int managementPort, Map<String, String> settings, Path jar, Path log) {

        String api() {
            return "http://" + Loopback.HOST + ":" + httpPort;
        }

        ServiceProcess start() throws IOException, InterruptedException {
            return ServiceProcess.start(jar, settings, Map.of(), log, managementPort);
        }
    }

    private final Path directory;
    private final Path jar;
    private final StandalonePostgres postgres;
    private final StandaloneKafka kafka;
    private final Map<String, String> shared;
    private final List<ServiceProcess> started = new ArrayList<>();

    private ProductionTopology(Path directory, Path jar, StandalonePostgres postgres, StandaloneKafka kafka,
            Map<String, String> shared) {
        this.directory = directory;
        this.jar = jar;
        this.postgres = postgres;
        this.kafka = kafka;
        this.shared = shared;
    }

    /**
     * Starts PostgreSQL and Kafka in {@code directory} (wiped first) and makes the keys; {@code extra}
     * settings (an objection window override, a log level) go to every replica.
     */
    static ProductionTopology start(Path directory, Path jar, Map<String, String> extra) throws IOException {
        Path absolute = directory.toAbsolutePath();
        Directories.deleteRecursively(absolute);
        Files.createDirectories(absolute);
        StandalonePostgres postgres = StandalonePostgres.start(absolute.resolve("postgresql"));
        StandaloneKafka kafka = StandaloneKafka.start(absolute.resolve("kafka"));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("overdracht.embedded.enabled", "false");
        all.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        all.put("quarkus.datasource.reactive.url", postgres.jdbcUrl().substring("jdbc:".length()));
        // the server trusts local connections: the passwords are not checked
        all.put("quarkus.datasource.username", DatabaseRoles.APP);
        all.put("quarkus.datasource.password", DatabaseRoles.APP);
        all.put("quarkus.flyway.username", DatabaseRoles.OWNER);
        all.put("quarkus.flyway.password", DatabaseRoles.OWNER);
        all.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        Path keys = absolute.resolve("keys");
        all.put("mp.jwt.verify.publickey.location", DevSigningKey.ensure(keys).toUri().toString());
        all.put("mp.jwt.verify.issuer", DevSigningKey.ISSUER);
        all.putAll(DevServiceKeys.cryptoSettings(keys));
        all.putAll(DevServiceKeys.signingSettings(keys));
        all.putAll(extra);
        return new ProductionTopology(absolute, jar, postgres, kafka, withSecretsInAFile(all, absolute));
    }

    /** A replica on two free ports, not started yet. */
    Replica replica(String name) throws IOException {
        int http = Loopback.freePort();
        int management = Loopback.freePort();
        Map<String, String> settings = new LinkedHashMap<>(shared);
        settings.put("quarkus.http.port", Integer.toString(http));
        settings.put("quarkus.management.port", Integer.toString(management));
        // its sessions carry its name in pg_stat_activity
        settings.put("quarkus.datasource.reactive.additional-properties.application_name", name);
        return new Replica(name, http, management, Map.copyOf(settings), jar, directory.resolve(name + ".log"));
    }

    /** Starts {@code replica}; {@link #close()} stops it. */
    ServiceProcess start(Replica replica) throws IOException, InterruptedException {
        ServiceProcess process = replica.start();
        started.add(process);
        return process;
    }

    StandalonePostgres postgres() {
        return postgres;
    }

    StandaloneKafka kafka() {
        return kafka;
    }

    Path directory() {
        return directory;
    }

    /** The key the replicas accept tokens from ({@link DevSigningKey#ISSUER}). */
    Path signingKeyFile() {
        return directory.resolve("keys").resolve(DevSigningKey.PRIVATE_KEY_FILE);
    }

    PrivateKey signingKey() {
        return DevSigningKey.readPrivateKey(signingKeyFile());
    }

    private static Map<String, String> withSecretsInAFile(Map<String, String> all, Path directory) throws IOException {
        Properties secrets = new Properties();
        Map<String, String> given = new LinkedHashMap<>();
        all.forEach((name, value) -> {
            if (SECRETS.contains(name) || name.startsWith("overdracht.crypto.kek.")) {
                secrets.setProperty(name, value);
            } else {
                given.put(name, value);
            }
        });
        Path file = Files.createFile(directory.resolve("secrets.properties"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            secrets.store(out, null);
        }
        given.put("quarkus.config.locations", file.toUri().toString());
        return given;
    }

    /** Stops every replica started (SIGTERM), the broker and the database; keeps the directory. */
    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess process : started) {
            process.stop();
        }
        kafka.close();
        postgres.close();
    }
}
