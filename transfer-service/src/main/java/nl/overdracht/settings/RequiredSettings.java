package nl.overdracht.settings;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidationException.Problem;
import io.smallrye.config.ConfigValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Checks every setting a start needs while the configuration is built, the first thing a start does:
 * nothing has connected, migrated, scheduled, subscribed or listened yet. SmallRye Config maps each
 * configuration mapping and then asks its validator about it; this validator runs the
 * {@link SettingsCheck}s of that mapping. SmallRye Config gathers the problems of every mapping (a
 * required property it could not find, a value it could not convert, and these) into one
 * {@link ConfigValidationException}, so the start stops once, naming all of them:
 *
 * <pre>
 * Configuration validation failed:
 *     quarkus.datasource.reactive.url: not set; …
 *     overdracht.crypto.blind-index-key: must be base64 of at least 32 bytes
 * </pre>
 *
 * <p>The embedded run passes the same check: the embedded module's configuration source supplies
 * the database, Kafka, token key and development keys before any mapping is built. A mapping whose
 * properties could not even be converted is not validated (SmallRye Config reports the conversion
 * instead); the checked mappings therefore read their secrets as optional strings and paths.
 */
final class RequiredSettings implements ConfigValidator {

    private final ConfigValidator next;
    private final List<SettingsCheck<?>> checks;

    RequiredSettings(ConfigValidator next, List<SettingsCheck<?>> checks) {
        this.next = next == null ? ConfigValidator.EMPTY : next;
        this.checks = List.copyOf(checks);
    }

    /** Every {@link SettingsCheck} listed for the class loader that loaded this one. */
    static List<SettingsCheck<?>> load() {
        List<SettingsCheck<?>> checks = new ArrayList<>();
        ServiceLoader.load(SettingsCheck.class, RequiredSettings.class.getClassLoader()).forEach(checks::add);
        return checks;
    }

    @Override
    public void validateMapping(Class<?> mappingClass, String prefix, Object mappingObject) {
        List<Problem> problems = new ArrayList<>();
        try {
            next.validateMapping(mappingClass, prefix, mappingObject);
        } catch (ConfigValidationException e) {
            for (int i = 0; i < e.getProblemCount(); i++) {
                problems.add(e.getProblem(i));
            }
        }
        for (SettingsCheck<?> check : checks) {
            if (check.settings() == mappingClass) {
                problems(check, prefix, mappingObject).forEach(problem -> problems.add(new Problem(problem.toString())));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems.toArray(Problem.NO_PROBLEMS));
        }
    }

    private static <T> List<SettingProblem> problems(SettingsCheck<T> check, String prefix, Object mappingObject) {
        T settings = check.settings().cast(Objects.requireNonNull(mappingObject, "mappingObject"));
        try {
            return check.problems(settings);
        } catch (RuntimeException e) {
            // a check that fails must still stop the start, naming the settings and no value
            return List.of(new SettingProblem(prefix + ".*",
                    "could not be checked (" + e.getClass().getSimpleName() + ")"));
        }
    }
}
