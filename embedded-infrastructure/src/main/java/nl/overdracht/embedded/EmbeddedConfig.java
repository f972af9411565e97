package nl.overdracht.embedded;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/**
 * {@code overdracht.embedded.*}: the embedded run's own settings. They are read before the rest of the
 * configuration exists, by {@link EmbeddedInfrastructureConfigSourceFactory}, from the sources known
 * at that moment (system properties, environment variables, {@code application.properties}).
 */
@ConfigMapping(prefix = "overdracht.embedded")
public interface EmbeddedConfig {

    /**
     * Whether anything embedded may start. False: nothing starts and nothing is supplied, whatever
     * is left unconfigured; set where this module is on the class path but the service is not in
     * the JVM (the tests of the production build drive the service in a process of its own).
     */
    @WithDefault("true")
    boolean enabled();

    /** Where the embedded PostgreSQL, Kafka and development keys keep their data. */
    @WithDefault("${user.home}/.overdracht/embedded")
    Path dataDir();

    /** Whether the data directory is wiped at start (the tests set it). */
    @WithDefault("false")
    boolean ephemeral();

    /** Fixed port for the embedded PostgreSQL; 0 takes a free one. */
    @WithDefault("0")
    int postgresPort();
}
