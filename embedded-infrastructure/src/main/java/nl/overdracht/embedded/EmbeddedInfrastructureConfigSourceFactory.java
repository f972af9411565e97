package nl.overdracht.embedded;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory.ConfigurableConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Starts the embedded PostgreSQL when {@code quarkus.datasource.reactive.url} is not configured,
 * the embedded Kafka when {@code kafka.bootstrap.servers} is not, and the development signing key
 * when no JWT verification key is; and supplies their settings. With
 * {@code overdracht.embedded.enabled=false} it does neither.
 *
 * <p>The supplied values rank below environment variables and system properties and above
 * {@code application.properties}, so a deployment's own URLs always win and, when given,
 * nothing is started.
 */
public final class EmbeddedInfrastructureConfigSourceFactory implements ConfigurableConfigSourceFactory<EmbeddedConfig> {

    /** Below environment variables (300), above application.properties (250). */
    static final int ORDINAL = 275;
    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String KAFKA_SERVERS = "kafka.bootstrap.servers";
    static final String JWT_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String KEK_CURRENT = "overdracht.crypto.kek-current";
    static final String SIGNING_KEY = "overdracht.signing.private-key";

    private static final Logger LOG = Logger.getLogger(EmbeddedInfrastructureConfigSourceFactory.class);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (insideMaven()) {
            // Packaging builds the configuration too; it must neither start servers nor bake their
            // URLs into the artifact. The service itself (run, dev mode, tests) is never Maven's JVM.
            return List.of();
        }
        return ConfigurableConfigSourceFactory.super.getConfigSources(context);
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context, EmbeddedConfig config) {
        if (!config.enabled()) {
            return List.of();
        }
        EmbeddedSettings settings = EmbeddedSettings.from(config);
        boolean postgres = EmbeddedSettings.value(context, REACTIVE_URL) == null;
        boolean kafka = EmbeddedSettings.value(context, KAFKA_SERVERS) == null;
        boolean devKey = EmbeddedSettings.value(context, JWT_KEY_LOCATION) == null;
        boolean devCrypto = EmbeddedSettings.value(context, KEK_CURRENT) == null;
        boolean devSigning = EmbeddedSettings.value(context, SIGNING_KEY) == null;
        Map<String, String> values = supply(settings, postgres, kafka, devKey);
        if (devCrypto) {
            values.putAll(DevServiceKeys.cryptoSettings(settings.keyDirectory()));
        }
        if (devSigning) {
            values.putAll(DevServiceKeys.signingSettings(settings.keyDirectory()));
        }
        if (values.isEmpty()) {
            return List.of();
        }
        announce(settings, postgres, kafka, devKey, DevelopmentRelaxations.inForce(context, settings, postgres, kafka,
                devKey, devCrypto || devSigning));
        return List.of(new MapBackedConfigSource("embedded-infrastructure", values, ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    static boolean insideMaven() {
        return System.getProperty("sun.java.command", "").startsWith("org.codehaus.plexus.classworlds.launcher");
    }

    static synchronized Map<String, String> supply(EmbeddedSettings settings, boolean postgres, boolean kafka,
            boolean devKey) {
        Map<String, String> values = new HashMap<>();
        if (!postgres && !kafka && !devKey) {
            return values;
        }
        Map<String, String> earlier = JvmWide.supplied(settings);
        if (earlier != null) {
            return earlier;
        }
        EphemeralData.prepare(settings);
        if (postgres) {
            String jdbcUrl = EmbeddedPostgres17.jdbcUrl(settings.postgresDirectory(), settings.postgresPort());
            values.put("quarkus.datasource.jdbc.url", jdbcUrl);
            values.put(REACTIVE_URL, jdbcUrl.substring("jdbc:".length()));
            // the service as the least-privileged role, the migrations as the owner; the server
            // trusts local connections, so the passwords are not checked
            values.put("quarkus.datasource.username", DatabaseRoles.APP);
            values.put("quarkus.datasource.password", DatabaseRoles.APP);
            values.put("quarkus.flyway.username", DatabaseRoles.OWNER);
            values.put("quarkus.flyway.password", DatabaseRoles.OWNER);
        }
        if (kafka) {
            values.put(KAFKA_SERVERS, EmbeddedKafka.bootstrapServers(settings.kafkaDirectory()));
        }
        if (devKey) {
            values.put(JWT_KEY_LOCATION, DevSigningKey.ensure(settings.keyDirectory()).toUri().toString());
            values.put("mp.jwt.verify.issuer", DevSigningKey.ISSUER);
        }
        JvmWide.remember(settings, values);
        return values;
    }

    /**
     * Logs once per JVM what was started and the development-only relaxations in force, so that an
     * embedded run is never mistaken for a production one.
     */
    static void announce(EmbeddedSettings settings, boolean postgres, boolean kafka, boolean devKey,
            List<String> relaxations) {
        synchronized (System.getProperties()) {
            if (System.getProperty(JvmWide.ANNOUNCED) != null) {
                return;
            }
            System.setProperty(JvmWide.ANNOUNCED, "true");
        }
        LOG.warnf("Embedded infrastructure in %s: PostgreSQL %s, Kafka %s, development signing key %s. "
                + "Development-only relaxations in force: %s", settings.dataDirectory(),
                postgres ? "started" : "not needed", kafka ? "started" : "not needed", devKey ? "in use" : "not needed",
                relaxations.isEmpty() ? "none" : String.join("; ", relaxations));
        if (devKey) {
            LOG.infof("Mint a token: deploy/mint-token.sh --key %s --school 00YY00 --role sending-school",
                    settings.keyDirectory().resolve(DevSigningKey.PRIVATE_KEY_FILE));
        }
    }

    /**
     * The servers are one per JVM, but a Quarkus test builds its configuration in several class
     * loaders (the JUnit launcher's, the build's, the application's), each with its own statics. The
     * first to start the servers leaves their settings in system properties; the others take them
     * instead of wiping the data directory under the running servers and starting second ones.
     */
    static final class JvmWide {
        private static final String PREFIX = "nl.overdracht.embedded.supplied.";
        private static final String DIRECTORY = PREFIX + "data-directory";
        /** Not a supplied value (the prefix differs): set once the start was announced. */
        static final String ANNOUNCED = "nl.overdracht.embedded.announced";

        private JvmWide() {
        }

        static Map<String, String> supplied(EmbeddedSettings settings) {
            synchronized (System.getProperties()) {
                if (!settings.dataDirectory().toAbsolutePath().toString().equals(System.getProperty(DIRECTORY))) {
                    return null;
                }
                Map<String, String> values = new HashMap<>();
                for (String name : System.getProperties().stringPropertyNames()) {
                    if (name.startsWith(PREFIX) && !name.equals(DIRECTORY)) {
                        values.put(name.substring(PREFIX.length()), System.getProperty(name));
                    }
                }
                return values;
            }
        }

        static void remember(EmbeddedSettings settings, Map<String, String> values) {
            synchronized (System.getProperties()) {
                values.forEach((name, value) -> System.setProperty(PREFIX + name, value));
                System.setProperty(DIRECTORY, settings.dataDirectory().toAbsolutePath().toString());
            }
        }
    }

    /** Wipes the data directory once per JVM when the settings ask for an ephemeral run (the tests). */
    static final class EphemeralData {
        private static boolean prepared;

        private EphemeralData() {
        }

        static synchronized void prepare(EmbeddedSettings settings) {
            if (settings.ephemeral() && !prepared) {
                Directories.deleteRecursively(settings.dataDirectory());
            }
            prepared = true;
        }
    }
}
