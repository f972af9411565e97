package nl.overdracht.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table lists exactly the {@code overdracht.*} properties the configuration
 * mappings declare, each with the default the mapping declares (the mappings that view other
 * namespaces, such as {@code quarkus.datasource}, for the start's check are not the table's). The mappings are found on the class
 * path (every {@code @ConfigMapping} under {@code nl.overdracht}, the embedded module's included); a
 * property's name is the mapping's prefix and the kebab-case of each method name (or its
 * {@code @WithName}), through nested groups; a map's key is a placeholder such as {@code <version>}.
 */
class ConfigurationTableTest {

    private static final String OWN_PREFIX = "overdracht.";
    private static final String ANY_KEY = "<key>";
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    /** {@code ${overdracht.name}} or {@code ${overdracht.name:fallback}} inside an annotation value. */
    private static final Pattern EXPRESSION = Pattern.compile(
            "\\$\\{(" + Pattern.quote(OWN_PREFIX) + "[^:}]+)(?::([^}]*))?}");

    /** A declared property: where it is declared and its default, if it has one. */
    record Declared(String declaredBy, Optional<String> defaultValue) {
    }

    @Test
    void the_readme_lists_exactly_the_properties_the_mappings_declare() {
        // Given the properties the mappings declare and the rows of the README's table
        Map<String, Declared> declared = declaredProperties();
        Map<String, Optional<String>> documented = readmeTable();

        // When the two sets are compared
        Set<String> undocumented = new TreeSet<>(declared.keySet());
        undocumented.removeAll(documented.keySet());
        Set<String> undeclared = new TreeSet<>(documented.keySet());
        undeclared.removeAll(declared.keySet());

        // Then each lists nothing the other does not
        List<String> differences = new ArrayList<>();
        undocumented.forEach(name -> differences.add(name + " is declared by " + declared.get(name).declaredBy()
                + " but has no row in the README's configuration table"));
        undeclared.forEach(name -> differences.add(name + " has a row in the README's configuration table but no "
                + "configuration mapping declares it"));
        assertThat(differences).as("README.md (## Configuration) and the configuration mappings differ:%n  %s",
                String.join(System.lineSeparator() + "  ", differences)).isEmpty();
        assertThat(declared).as("the configuration mappings found on the class path").isNotEmpty();
    }

    @Test
    void each_default_in_the_readme_is_the_one_the_mapping_declares() {
        // Given the properties the mappings declare and the rows of the README's table
        Map<String, Declared> declared = declaredProperties();
        Map<String, Optional<String>> documented = readmeTable();

        // When the defaults of the properties in both are compared
        List<String> differences = new ArrayList<>();
        documented.forEach((name, shown) -> {
            Declared declaration = declared.get(name);
            if (declaration != null && !declaration.defaultValue().equals(shown)) {
                differences.add(name + ": the README shows " + describe(shown) + ", " + declaration.declaredBy()
                        + " declares " + describe(declaration.defaultValue()));
            }
        });

        // Then they agree
        assertThat(differences).as("defaults in README.md (## Configuration) differ from the mappings':%n  %s",
                String.join(System.lineSeparator() + "  ", differences)).isEmpty();
    }

    @Test
    void a_scheduler_expression_names_a_declared_property_with_the_declared_default() {
        // Given the properties the mappings declare
        Map<String, Declared> declared = declaredProperties();

        // When every @Scheduled expression that names an overdracht.* property is read
        List<String> differences = new ArrayList<>();
        for (Class<?> type : mainClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                Scheduled scheduled = method.getAnnotation(Scheduled.class);
                if (scheduled == null) {
                    continue;
                }
                String where = type.getSimpleName() + "." + method.getName();
                for (String expression : List.of(scheduled.every(), scheduled.cron(), scheduled.delayed())) {
                    Matcher matcher = EXPRESSION.matcher(expression);
                    while (matcher.find()) {
                        String name = matcher.group(1);
                        Optional<String> fallback = Optional.ofNullable(matcher.group(2));
                        Declared declaration = declared.get(name);
                        if (declaration == null) {
                            differences.add(where + " reads " + name + ", which no configuration mapping declares");
                        } else if (!declaration.defaultValue().equals(fallback)) {
                            differences.add(where + " falls back to " + describe(fallback) + " for " + name + ", "
                                    + declaration.declaredBy() + " declares " + describe(declaration.defaultValue()));
                        }
                    }
                }
            }
        }

        // Then each names a declared property and falls back to its declared default
        assertThat(differences).as("scheduler expressions and configuration mappings differ:%n  %s",
                String.join(System.lineSeparator() + "  ", differences)).isEmpty();
    }

    /** Every property the mappings declare, by name, a map's key written {@value #ANY_KEY}. */
    static Map<String, Declared> declaredProperties() {
        Map<String, Declared> properties = new TreeMap<>();
        for (Class<?> type : mainClasses()) {
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping == null) {
                continue;
            }
            assertThat(mapping.namingStrategy()).as("%s names its properties in kebab-case", type.getName())
                    .isEqualTo(ConfigMapping.NamingStrategy.KEBAB_CASE);
            collect(type, mapping.prefix(), type.getSimpleName(), properties);
        }
        properties.keySet().removeIf(name -> !name.startsWith(OWN_PREFIX));
        return properties;
    }

    private static void collect(Class<?> group, String path, String mappingName, Map<String, Declared> properties) {
        for (Method method : group.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() != 0) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class) ? path
                    : path + "." + Optional.ofNullable(method.getAnnotation(WithName.class)).map(WithName::value)
                            .orElseGet(() -> kebab(method.getName()));
            Type type = unwrapOptional(method.getGenericReturnType());
            if (raw(type) == Map.class) {
                name = name + "." + ANY_KEY;
                type = unwrapOptional(((ParameterizedType) type).getActualTypeArguments()[1]);
            }
            String declaredBy = mappingName + "." + method.getName() + "()";
            if (isGroup(raw(type))) {
                collect(raw(type), name, mappingName, properties);
            } else if (properties.put(name, new Declared(declaredBy,
                    Optional.ofNullable(method.getAnnotation(WithDefault.class)).map(WithDefault::value))) != null) {
                throw new AssertionError(name + " is declared twice, the second time by " + declaredBy);
            }
        }
    }

    /** As SmallRye Config's kebab-case naming: {@code kekCurrent} is {@code kek-current}. */
    static String kebab(String methodName) {
        StringBuilder name = new StringBuilder();
        for (char c : methodName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('-').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static Type unwrapOptional(Type type) {
        return raw(type) == Optional.class ? ((ParameterizedType) type).getActualTypeArguments()[0] : type;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    /** A nested group is one of our own interfaces; anything else (String, Path, Duration…) is a value. */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && type.getName().startsWith("nl.overdracht.");
    }

    /**
     * The {@code overdracht.*} rows of the first table under {@code ## Configuration}: the property
     * names in the first column (a placeholder such as {@code <version>} written {@value #ANY_KEY}) and
     * the default in the second, which is either the value in backticks at its start or, starting with a
     * dash, none.
     */
    static Map<String, Optional<String>> readmeTable() {
        List<String> rows = configurationRows();
        Map<String, Optional<String>> documented = new TreeMap<>();
        for (String row : rows) {
            String[] cells = row.split("\\|", -1);
            assertThat(cells.length).as("a row of property, default and what it does: %s", row)
                    .isGreaterThanOrEqualTo(4);
            String property = cells[1].strip();
            String defaultCell = cells[2].strip();
            Matcher names = CODE.matcher(property);
            while (names.find()) {
                String name = PLACEHOLDER.matcher(names.group(1)).replaceAll(ANY_KEY);
                if (!name.startsWith(OWN_PREFIX)) {
                    continue;
                }
                if (documented.put(name, defaultOf(defaultCell, row)) != null) {
                    throw new AssertionError(name + " has two rows in the README's configuration table");
                }
            }
        }
        return documented;
    }

    private static Optional<String> defaultOf(String cell, String row) {
        if (cell.startsWith("—")) {
            return Optional.empty();
        }
        Matcher value = CODE.matcher(cell);
        if (cell.startsWith("`") && value.find()) {
            return Optional.of(value.group(1));
        }
        throw new AssertionError("the default of this row is neither `a value` nor — (none): " + row);
    }

    private static List<String> configurationRows() {
        List<String> lines = readme();
        int heading = lines.indexOf("## Configuration");
        assertThat(heading).as("README.md has a '## Configuration' section").isNotNegative();
        int header = heading + 1;
        while (header < lines.size() && !lines.get(header).startsWith("|")) {
            header++;
        }
        assertThat(header).as("the configuration section has a table").isLessThan(lines.size());
        assertThat(lines.get(header).replace(" ", "")).as("the table's header")
                .isEqualTo("|property|default|whatitdoes|");
        List<String> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }

    private static List<String> readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path readme = dir.resolve("README.md");
            if (Files.isRegularFile(readme) && Files.isDirectory(dir.resolve("transfer-service"))) {
                try {
                    return Files.readAllLines(readme, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("the project's README.md is not found above " + Path.of("").toAbsolutePath());
    }

    /** Every class under {@code nl.overdracht} on the class path, outside the test classes. */
    static List<Class<?>> mainClasses() {
        ClassLoader loader = ConfigurationTableTest.class.getClassLoader();
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources("nl/overdracht");
            for (URL root : Collections.list(roots)) {
                if (root.getPath().contains("test-classes")) {
                    continue;
                }
                if (root.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            addClass(entry.getName(), names);
                        }
                    }
                } else {
                    Path dir = Path.of(root.toURI());
                    Path base = dir.getParent().getParent();
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.forEach(file -> addClass(base.relativize(file).toString().replace('\\', '/'), names));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name, e);
            }
        }
        return classes;
    }

    private static void addClass(String path, Set<String> names) {
        if (path.startsWith("nl/overdracht/") && path.endsWith(".class") && !path.endsWith("package-info.class")
                && !path.endsWith("module-info.class")) {
            names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }

    private static String describe(Optional<String> defaultValue) {
        return defaultValue.map(value -> "`" + value + "`").orElse("no default");
    }
}
