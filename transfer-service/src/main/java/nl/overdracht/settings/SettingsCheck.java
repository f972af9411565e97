package nl.overdracht.settings;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A feature's check of its own configuration mapping, run by {@link RequiredSettings} while the
 * configuration is built. Listed in {@code META-INF/services/nl.overdracht.settings.SettingsCheck}.
 *
 * <p>The mapping must be annotated {@code @io.quarkus.arc.Unremovable}: Quarkus builds (and so
 * validates) at start only the mappings a bean injects or that are unremovable.
 *
 * <p>Contract: {@link #problems} answers every problem at once (not the first), names each by
 * property, never quotes a value, reaches nothing over the network and throws nothing; an empty
 * list means the settings are fit to start with.
 *
 * @param <T> the configuration mapping checked
 */
public interface SettingsCheck<T> {

    /** The configuration mapping this check reads. */
    Class<T> settings();

    /** Everything missing or invalid in {@code settings}. */
    List<SettingProblem> problems(T settings);

    /**
     * Properties of the mapping whose environment-variable form SmallRye Config cannot map back by
     * itself: a map key with a dot, such as {@code overdracht.profiles.oso.xsd.2019.1}, whose variable
     * {@code OVERDRACHT_PROFILES_OSO_XSD_2019_1} could as well be {@code …xsd.2019-1}. They are declared
     * with a blank default (which counts as not set), so that the variable is found under its name.
     */
    default Set<String> dottedNames() {
        return Set.of();
    }

    /** A setting counts as given when it is there and not blank. */
    static Optional<String> given(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
