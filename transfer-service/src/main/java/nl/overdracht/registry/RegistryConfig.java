package nl.overdracht.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code overdracht.registry.*}: how strictly the school registry admits schools. */
@ConfigMapping(prefix = "overdracht.registry")
public interface RegistryConfig {

    /**
     * Whether a school must be in the registry (and active) to send dossiers or enrol pupils; true
     * in production, false in development and the tests. A suspended school is refused either way.
     */
    @WithDefault("true")
    boolean requireRegistered();
}
