package nl.overdracht.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** The service's own settings, from its application.properties, that the manifests must agree with. */
final class ServiceSettings {

    static final Path APPLICATION_PROPERTIES = Kustomize.REPOSITORY
            .resolve("transfer-service/src/main/resources/application.properties");
    private static final Properties PROPERTIES = load();

    private ServiceSettings() {
    }

    static int managementPort() {
        return Integer.parseInt(required("quarkus.management.port"));
    }

    static Duration shutdownDelay() {
        return Duration.parse("PT" + required("quarkus.shutdown.delay"));
    }

    static Duration shutdownTimeout() {
        return Duration.parse("PT" + required("quarkus.shutdown.timeout"));
    }

    /** The {@code group.id} of every incoming channel. */
    static Set<String> consumerGroups() {
        return channelValues("group.id");
    }

    /** The topic of every incoming channel. */
    static Set<String> consumedTopics() {
        return channelValues("topic");
    }

    private static Set<String> channelValues(String attribute) {
        Set<String> values = new TreeSet<>();
        for (String name : PROPERTIES.stringPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith("." + attribute)) {
                values.add(PROPERTIES.getProperty(name));
            }
        }
        return values;
    }

    private static String required(String name) {
        String value = PROPERTIES.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(APPLICATION_PROPERTIES + " does not set " + name);
        }
        return value;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(APPLICATION_PROPERTIES, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
