package nl.overdracht.profile;

import static nl.overdracht.settings.SettingsCheck.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import nl.overdracht.settings.SettingProblem;
import nl.overdracht.settings.SettingsCheck;

/**
 * The official OSO files, checked at start: each configured path names a live OSO profile version, is
 * a readable file and compiles; the retired single XSD path is not set. {@link OsoStandardFiles}
 * compiles them again for the service once the configuration stands.
 */
public final class OsoFilesCheck implements SettingsCheck<ProfileConfig> {

    @Override
    public Class<ProfileConfig> settings() {
        return ProfileConfig.class;
    }

    @Override
    public List<SettingProblem> problems(ProfileConfig config) {
        Set<String> versions = liveVersions();
        List<SettingProblem> problems = new ArrayList<>();
        if (given(config.oso().xsdPath()).isPresent()) {
            problems.add(new SettingProblem(OsoStandardFiles.RETIRED_XSD_PATH, "is replaced by "
                    + OsoStandardFiles.XSD_PREFIX + "<version>, one per OSO version (" + String.join(", ", versions) + ")"));
        }
        check(OsoStandardFiles.XSD_PREFIX, config.oso().xsd(), versions, OsoSchemaValidator::compile, problems);
        check(OsoStandardFiles.VALIDATION_PREFIX, config.oso().validation(), versions, OsoRuleValidator::compile,
                problems);
        return problems;
    }

    /** Each live version's two properties: a version's dot makes their environment variables ambiguous. */
    @Override
    public Set<String> dottedNames() {
        Set<String> names = new TreeSet<>();
        for (String version : liveVersions()) {
            names.add(OsoStandardFiles.XSD_PREFIX + version);
            names.add(OsoStandardFiles.VALIDATION_PREFIX + version);
        }
        return names;
    }

    private static Set<String> liveVersions() {
        return OsoStandardFiles.osoVersions(new ProfileCatalog());
    }

    private static void check(String prefix, Map<String, Optional<Path>> files, Set<String> versions,
            Function<Path, ?> compiler, List<SettingProblem> problems) {
        new TreeMap<>(files).forEach((key, file) -> {
            Optional<String> version = versions.stream().filter(key::equals).findFirst();
            String property = prefix + version.orElse(key);
            if (version.isEmpty()) {
                problems.add(new SettingProblem(property, "names no live OSO profile version; the live ones are "
                        + String.join(", ", versions)));
                return;
            }
            Optional<Path> path = file.filter(p -> !p.toString().isBlank());
            if (path.isEmpty()) {
                return;
            }
            if (!Files.isRegularFile(path.get()) || !Files.isReadable(path.get())) {
                problems.add(new SettingProblem(property, "there is no readable file at " + path.get()));
                return;
            }
            try {
                compiler.apply(path.get());
            } catch (IllegalArgumentException e) {
                problems.add(new SettingProblem(property, e.getMessage()));
            }
        });
    }
}
