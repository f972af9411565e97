package nl.overdracht.settings;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The shapes of the addresses the service connects to, checked without connecting. */
final class Addresses {

    /** {@code host:port}, the host a name, an IPv4 or a bracketed IPv6 address. */
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.%]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})");
    private static final List<String> POSTGRES_SCHEMES = List.of("postgresql://", "postgres://");

    private Addresses() {
    }

    /**
     * A URL Quarkus' reactive PostgreSQL client takes: {@code postgresql://} or {@code postgres://}
     * (optionally after {@code vertx-reactive:}) and an authority; several, comma-separated, for
     * several hosts.
     */
    static boolean isPostgresUrl(String value) {
        return entries(value).stream().allMatch(url -> {
            String bare = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
            return POSTGRES_SCHEMES.stream().anyMatch(scheme -> bare.startsWith(scheme)
                    && bare.length() > scheme.length() && bare.charAt(scheme.length()) != '/');
        });
    }

    /** A PostgreSQL JDBC URL: {@code jdbc:postgresql:} and a database or {@code //host…/database}. */
    static boolean isJdbcPostgresUrl(String value) {
        String url = value.strip();
        return url.startsWith("jdbc:postgresql:") && url.length() > "jdbc:postgresql:".length();
    }

    /**
     * Kafka's bootstrap list: comma-separated {@code host:port} (a listener name such as
     * {@code SASL_SSL://} before one is allowed), each port 1–65535.
     */
    static boolean isHostPortList(String value) {
        return entries(value).stream().allMatch(entry -> {
            int scheme = entry.indexOf("://");
            var matcher = HOST_PORT.matcher(scheme < 0 ? entry : entry.substring(scheme + 3));
            if (!matcher.matches()) {
                return false;
            }
            int port = Integer.parseInt(matcher.group(2));
            return port >= 1 && port <= 65535;
        });
    }

    /** The comma-separated entries, stripped; an empty entry makes the list invalid. */
    private static List<String> entries(String value) {
        List<String> entries = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
        return entries.stream().anyMatch(String::isEmpty) ? List.of("") : entries;
    }
}
