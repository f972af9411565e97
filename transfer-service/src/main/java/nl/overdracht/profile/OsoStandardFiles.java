package nl.overdracht.profile;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * The official files of the OSO standard configured for one profile version, compiled once at
 * start: its XSD ({@value #XSD_PREFIX}{@code <version>}) and its business-rule XSLT
 * ({@value #VALIDATION_PREFIX}{@code <version>}), each optional. A configured path that does not
 * exist or does not compile stops the start, naming the property.
 */
public record OsoStandardFiles(Optional<OsoSchemaValidator> xsd, Optional<OsoRuleValidator> rules) {

    public static final String XSD_PREFIX = "overdracht.profiles.oso.xsd.";
    public static final String VALIDATION_PREFIX = "overdracht.profiles.oso.validation.";
    /** The single XSD path of before there were two versions; it is refused so it cannot silently do nothing. */
    static final String RETIRED_XSD_PATH = "overdracht.profiles.oso.xsd-path";
    static final OsoStandardFiles NONE = new OsoStandardFiles(Optional.empty(), Optional.empty());

    public OsoStandardFiles {
        Objects.requireNonNull(xsd, "xsd");
        Objects.requireNonNull(rules, "rules");
    }

    boolean any() {
        return xsd.isPresent() || rules.isPresent();
    }

    /**
     * The files of each live OSO version, from the configuration.
     *
     * @throws ConfigurationException naming the property, for a path that does not exist or does not
     *     compile, a version that is not live, or the retired single XSD path
     */
    static Map<String, OsoStandardFiles> fromConfig(Config config, ProfileCatalog catalog) {
        Set<String> versions = osoVersions(catalog);
        for (String name : config.getPropertyNames()) {
            if (name.equals(RETIRED_XSD_PATH)) {
                throw new ConfigurationException(RETIRED_XSD_PATH + " is replaced by " + XSD_PREFIX
                        + "<version>, one per OSO version (" + String.join(", ", versions) + ")", Set.of(name));
            }
            for (String prefix : List.of(XSD_PREFIX, VALIDATION_PREFIX)) {
                if (name.startsWith(prefix) && !versions.contains(name.substring(prefix.length()))) {
                    throw new ConfigurationException(name + " names no live OSO profile version; the live ones are "
                            + String.join(", ", versions), Set.of(name));
                }
            }
        }
        Map<String, OsoStandardFiles> files = new TreeMap<>();
        for (String version : versions) {
            files.put(version, new OsoStandardFiles(
                    compiled(config, XSD_PREFIX + version, OsoSchemaValidator::compile),
                    compiled(config, VALIDATION_PREFIX + version, OsoRuleValidator::compile)));
        }
        return files;
    }

    /**
     * The files for each version from paths, for use without CDI (the tests, tools).
     *
     * @throws IllegalArgumentException for a version that is not live, or a file that does not compile
     */
    public static Map<String, OsoStandardFiles> of(ProfileCatalog catalog, Map<String, Path> xsd, Map<String, Path> rules) {
        Set<String> versions = osoVersions(catalog);
        Map<String, OsoStandardFiles> files = new TreeMap<>();
        for (String version : versions) {
            files.put(version, new OsoStandardFiles(Optional.ofNullable(xsd.get(version)).map(OsoSchemaValidator::compile),
                    Optional.ofNullable(rules.get(version)).map(OsoRuleValidator::compile)));
        }
        xsd.keySet().stream().filter(v -> !versions.contains(v)).findFirst().ifPresent(v -> {
            throw new IllegalArgumentException("no live OSO profile version " + v);
        });
        rules.keySet().stream().filter(v -> !versions.contains(v)).findFirst().ifPresent(v -> {
            throw new IllegalArgumentException("no live OSO profile version " + v);
        });
        return files;
    }

    private static <T> Optional<T> compiled(Config config, String property, Function<Path, T> compiler) {
        Optional<String> value = config.getOptionalValue(property, String.class).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value.get().strip());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigurationException(property + ": there is no readable file at " + path, Set.of(property));
        }
        try {
            return Optional.of(compiler.apply(path));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(property + ": " + e.getMessage(), Set.of(property));
        }
    }

    static Set<String> osoVersions(ProfileCatalog catalog) {
        return new java.util.TreeSet<>(catalog.all().stream().filter(p -> p.oso().isPresent()).map(Profile::version).toList());
    }
}
