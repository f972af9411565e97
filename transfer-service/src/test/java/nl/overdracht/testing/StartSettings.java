package nl.overdracht.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import nl.overdracht.crypto.TestCertificates;
import nl.overdracht.settings.RequiredSettingsCustomizer;
import nl.overdracht.settings.SettingsCheck;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The check every start runs (the configuration's validator, {@code nl.overdracht.settings}), run on a
 * configuration of the test's own exactly as SmallRye Config runs it at start: the same customizer,
 * every mapping a check reads, one {@link ConfigValidationException} naming every problem.
 */
public final class StartSettings {

    /**
     * Every setting a start needs that neither the service's {@code application.properties} nor anything
     * else supplies (in the embedded run, the embedded module does): what the README's "Running in
     * production" lists. The service's own file gives {@code mp.jwt.verify.audiences}.
     */
    public static final List<String> REQUIRED = List.of(
            "quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
            "quarkus.datasource.username", "quarkus.datasource.password",
            "quarkus.flyway.username", "quarkus.flyway.password",
            "kafka.bootstrap.servers",
            "mp.jwt.verify.publickey.location", "mp.jwt.verify.issuer",
            "overdracht.crypto.kek.<version>", "overdracht.crypto.kek-current", "overdracht.crypto.blind-index-key",
            "overdracht.signing.private-key", "overdracht.signing.certificate");

    private StartSettings() {
    }

    /** The problems a start with exactly these properties stops on, one line each; empty when it starts. */
    public static List<String> problems(Map<String, String> properties) {
        return problems(properties, Map.of());
    }

    /** As {@link #problems(Map)}, with {@code environment} as the environment variables ({@code OVERDRACHT_…}). */
    public static List<String> problems(Map<String, String> properties, Map<String, String> environment) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withSources(new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "1s" as well as ISO-8601
                .withCustomizers(new RequiredSettingsCustomizer());
        for (SettingsCheck<?> check : ServiceLoader.load(SettingsCheck.class)) {
            builder.withMapping(check.settings());
        }
        try {
            builder.build();
            return List.of();
        } catch (ConfigValidationException e) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < e.getProblemCount(); i++) {
                problems.add(e.getProblem(i).getMessage());
            }
            return problems;
        }
    }

    /**
     * A configuration every check passes: addresses of a PostgreSQL and a Kafka (never reached), the
     * roles, a token issuer and its public key, key-encryption and blind index keys, and a signing
     * identity, the files written into {@code directory}.
     */
    public static Map<String, String> complete(Path directory) {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.datasource.reactive.url", "postgresql://db.example:5432/overdracht");
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://db.example:5432/overdracht");
        properties.put("quarkus.datasource.username", "overdracht_app");
        properties.put("quarkus.datasource.password", "app-password");
        properties.put("quarkus.flyway.username", "overdracht_owner");
        properties.put("quarkus.flyway.password", "owner-password");
        properties.put("kafka.bootstrap.servers", "kafka-1.example:9093,kafka-2.example:9093");
        properties.put("mp.jwt.verify.issuer", "https://login.example/overdracht");
        properties.put("mp.jwt.verify.audiences", "overdracht");
        properties.put("mp.jwt.verify.publickey.location", tokenKey(directory).toString());
        properties.put("overdracht.crypto.kek.v1", key(32));
        properties.put("overdracht.crypto.kek-current", "v1");
        properties.put("overdracht.crypto.blind-index-key", key(32));
        TestCertificates.rsa("CN=Overdracht test signing key,O=Overdracht", 2048)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation).issue().writePem(directory, "signing");
        properties.put("overdracht.signing.private-key", directory.resolve("signing-key.pem").toString());
        properties.put("overdracht.signing.certificate", directory.resolve("signing-cert.pem").toString());
        return properties;
    }

    /** Base64 of {@code bytes} random-looking bytes. */
    public static String key(int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 31 + 7);
        }
        return Base64.getEncoder().encodeToString(key);
    }

    private static Path tokenKey(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Path file = directory.resolve("token-issuer.pem");
            TestCertificates.writePemObject(file, generator.generateKeyPair().getPublic());
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
    }
}
