package nl.overdracht.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import java.util.List;

/**
 * Makes {@link RequiredSettings} the configuration's validator. Registered in
 * {@code META-INF/services/io.smallrye.config.SmallRyeConfigBuilderCustomizer}, so that Quarkus adds
 * it to the runtime configuration it builds first at every start (the packaged service, dev mode and
 * the tests alike).
 */
public final class RequiredSettingsCustomizer implements SmallRyeConfigBuilderCustomizer {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        List<SettingsCheck<?>> checks = RequiredSettings.load();
        // whichever validator was there (Bean Validation's, when a mapping carries constraints) still runs
        builder.withValidator(new RequiredSettings(builder.getValidator(), checks));
        builder.setAddDiscoveredValidator(false);
        for (SettingsCheck<?> check : checks) {
            check.dottedNames().forEach(name -> builder.withDefaultValue(name, ""));
            ConfigMapping mapping = check.settings().getAnnotation(ConfigMapping.class);
            if (mapping != null && !mapping.prefix().startsWith("overdracht.")) {
                // a view of a few of another namespace's properties (kafka.*, mp.jwt.verify.*): the
                // others there are not unknown
                builder.withMappingIgnore(mapping.prefix() + ".**");
            }
        }
    }

    /** Last, so that it wraps any validator set before it. */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }
}
