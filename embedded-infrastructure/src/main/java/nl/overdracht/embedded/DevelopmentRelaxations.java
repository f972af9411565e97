package nl.overdracht.embedded;

import io.smallrye.config.ConfigSourceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * What an embedded run relaxes compared with production, named in its startup log line so that
 * nobody mistakes it for a production deployment.
 */
final class DevelopmentRelaxations {

    static final String REQUIRE_REGISTERED = "overdracht.registry.require-registered";
    static final String OBJECTION_WINDOW_OVERRIDE = "overdracht.lifecycle.objection-window-override";

    private DevelopmentRelaxations() {
    }

    /**
     * The relaxations in force, each naming its setting: what the configuration (profile applied)
     * says and what the embedded run supplies.
     */
    static List<String> inForce(ConfigSourceContext context, EmbeddedSettings settings, boolean postgres,
            boolean kafka, boolean devKey, boolean serviceKeys) {
        List<String> relaxations = new ArrayList<>();
        String requireRegistered = EmbeddedSettings.value(context, REQUIRE_REGISTERED);
        if (requireRegistered != null && !Boolean.parseBoolean(requireRegistered.trim())) {
            relaxations.add(REQUIRE_REGISTERED + "=false (schools the registry does not know may send and enrol)");
        }
        String override = EmbeddedSettings.value(context, OBJECTION_WINDOW_OVERRIDE);
        if (override != null) {
            relaxations.add(OBJECTION_WINDOW_OVERRIDE + "=" + override + " (replaces every profile's objection window)");
        }
        if (devKey) {
            relaxations.add("development JWT signing key in " + settings.keyDirectory()
                    + " (whoever reads it mints any token)");
        }
        if (serviceKeys) {
            relaxations.add("development key-encryption, blind-index and package-signing keys in "
                    + settings.keyDirectory());
        }
        if (postgres) {
            relaxations.add("PostgreSQL without TLS, trusting local connections without a password ("
                    + EmbeddedPostgres17.HOST + " only; the superuser " + EmbeddedPostgres17.SUPERUSER
                    + " as well)");
        }
        if (kafka) {
            relaxations.add("Kafka in plaintext without authentication (" + EmbeddedKafka.HOST + " only)");
        }
        if (settings.ephemeral()) {
            relaxations.add("overdracht.embedded.ephemeral=true (the data directory is wiped at start)");
        }
        return relaxations;
    }
}
