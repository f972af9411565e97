package nl.overdracht.production;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.overdracht.embedded.DevServiceKeys;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.Directories;
import nl.overdracht.embedded.Loopback;
import nl.overdracht.embedded.SecuredKafka;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Everything the production build needs from outside, made for one start of it: a PostgreSQL with
 * the owner and application roles ({@link ProductionPostgres}), a Kafka that speaks SASL_SSL only
 * ({@link SecuredKafka}), and the keys a deployment brings (token verification key, key-encryption
 * and blind-index keys, signing identity). The service is given only documented settings; the
 * secrets among them (passwords, the JAAS login, the keys' values) reach it in a file only its
 * owner may read, named by {@code quarkus.config.locations}, never on its command line. The
 * registry admits registered schools only, and every objection window is {@value #OBJECTION_WINDOW}.
 *
 * <p>Init argument {@value #KAFKA_PASSWORD}{@code =}{@value #WRONG} gives the service a Kafka password
 * the broker does not know.
 *
 * <p>The token verification key is made where this JVM's {@code mp.jwt.verify.publickey.location}
 * says (set by the production-build failsafe execution), with the signing key beside it, so that
 * {@link nl.overdracht.testing.Tokens} signs for the service as it does for the embedded run.
 */
public class ProductionServices implements QuarkusTestResourceLifecycleManager {

    static final String KAFKA_PASSWORD = "kafka-password";
    static final String WRONG = "wrong";
    static final String OBJECTION_WINDOW = "PT3S";
    static final String KAFKA_USER = "overdracht";

    private static final String KEK = "overdracht.crypto.kek.";
    private static final String CONFIG_LOCATIONS = "quarkus.config.locations";
    private static final String JWT_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    private static final String JWT_ISSUER = "mp.jwt.verify.issuer";
    private static final Set<String> SECRETS = Set.of("kafka.sasl.jaas.config", "kafka.ssl.truststore.password",
            "quarkus.datasource.password", "quarkus.flyway.password", "overdracht.crypto.blind-index-key");

    private boolean wrongKafkaPassword;
    private Path directory;
    private ProductionPostgres postgres;
    private SecuredKafka kafka;
    private ProductionService service;
    private String secretsLocation;

    @Override
    public void init(Map<String, String> initArgs) {
        wrongKafkaPassword = WRONG.equals(initArgs.get(KAFKA_PASSWORD));
    }

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("overdracht-production-build",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            postgres = ProductionPostgres.start(directory.resolve("postgresql"));
            String kafkaPassword = ProductionPostgres.secret();
            kafka = SecuredKafka.start(directory.resolve("kafka"), Map.of(KAFKA_USER, kafkaPassword));
            String givenKafkaPassword = wrongKafkaPassword ? ProductionPostgres.secret() : kafkaPassword;
            int managementPort = Loopback.freePort();
            Map<String, String> settings = settings(givenKafkaPassword, managementPort);

            Map<String, String> secrets = new LinkedHashMap<>();
            Map<String, String> given = new LinkedHashMap<>();
            settings.forEach((name, value) -> (secret(name) ? secrets : given).put(name, value));
            secretsLocation = writeOwnerOnly(directory.resolve("secrets.properties"), secrets).toUri().toString();
            given.put(CONFIG_LOCATIONS, secretsLocation);

            List<String> secretValues = new ArrayList<>(postgres.passwords());
            secretValues.addAll(List.of(kafkaPassword, givenKafkaPassword, settings.get("kafka.ssl.truststore.password"),
                    settings.get("overdracht.crypto.blind-index-key")));
            settings.forEach((name, value) -> {
                if (name.startsWith(KEK)) {
                    secretValues.add(value);
                }
            });
            service = new ProductionService(managementPort, postgres, kafka, givenKafkaPassword,
                    Path.of(settings.get("overdracht.signing.certificate")), List.copyOf(secretValues));
            return given;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("could not prepare the production build's surroundings", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Every setting the service is given, secrets included, for {@code kafkaPassword} and the management port. */
    private Map<String, String> settings(String kafkaPassword, int managementPort) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
        settings.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        settings.put("quarkus.datasource.username", postgres.roles().app().user());
        settings.put("quarkus.datasource.password", postgres.roles().app().password());
        settings.put("quarkus.flyway.username", postgres.roles().owner().user());
        settings.put("quarkus.flyway.password", postgres.roles().owner().password());
        settings.putAll(kafka.clientSettings(KAFKA_USER, kafkaPassword));
        settings.put(JWT_KEY_LOCATION, DevSigningKey.ensure(jwtKeyDirectory()).toUri().toString());
        settings.put(JWT_ISSUER, config(JWT_ISSUER));
        Path keys = directory.resolve("keys");
        settings.putAll(DevServiceKeys.cryptoSettings(keys));
        settings.putAll(DevServiceKeys.signingSettings(keys));
        settings.put("overdracht.registry.require-registered", "true");
        settings.put("overdracht.lifecycle.objection-window-override", OBJECTION_WINDOW);
        // both ports fixed: with one chosen by the system and the other fixed, the HTTP metrics of the
        // two servers carry different tags, which the Prometheus registry refuses at start
        settings.put("quarkus.http.port", Integer.toString(Loopback.freePort()));
        settings.put("quarkus.management.port", Integer.toString(managementPort));
        return settings;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(service, new TestInjector.MatchesType(ProductionService.class));
    }

    @Override
    public void stop() {
        stopTheService();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (directory != null) {
            Directories.deleteRecursively(directory.resolve("postgresql"));
            Directories.deleteRecursively(directory.resolve("kafka"));
            // the keys and the secrets file stay until the JVM ends: the test framework keeps this
            // start's settings (quarkus.config.locations among them) in this JVM's configuration
            Path rest = directory;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteRecursively(rest), "production-build-cleanup"));
            directory = null;
        }
    }

    /**
     * The test framework stops its resources before the service it started. The service is stopped
     * here first (SIGTERM: its graceful shutdown), so that it never runs on without its servers: the
     * process of this JVM's that was given this start's secrets file.
     */
    private void stopTheService() {
        if (secretsLocation == null) {
            return;
        }
        String argument = "-D" + CONFIG_LOCATIONS + "=" + secretsLocation;
        ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(arguments -> List.of(arguments).contains(argument))
                        .orElse(false))
                .forEach(service -> {
                    service.destroy();
                    try {
                        service.onExit().get(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException | TimeoutException e) {
                        service.destroyForcibly();
                    }
                });
        secretsLocation = null;
    }

    private static boolean secret(String name) {
        return SECRETS.contains(name) || name.startsWith(KEK);
    }

    /** Where this JVM's configuration says the token verification key is (the production-build execution sets it). */
    private static Path jwtKeyDirectory() {
        String location = config(JWT_KEY_LOCATION);
        return Path.of(URI.create(location)).getParent();
    }

    private static String config(String name) {
        Optional<String> value = ConfigProvider.getConfig().getOptionalValue(name, String.class);
        return value.orElseThrow(() -> new IllegalStateException(name + " is not set in this JVM: the tests of the "
                + "production build run in failsafe's production-build execution, which sets it"));
    }

    private static Path writeOwnerOnly(Path file, Map<String, String> values) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties properties = new Properties();
        properties.putAll(values);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
        return file;
    }


}
