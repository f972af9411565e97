package nl.overdracht.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line arguments as {@code --name value} pairs, every name one the program knows; defaults at each read. */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();

    Arguments(String[] args, String... names) {
        List<String> known = List.of(names);
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; the arguments are " + known);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(args[i], args[i + 1]);
        }
    }

    String text(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    int integer(String name, int otherwise) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
    }

    double decimal(String name, double otherwise) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : otherwise;
    }

    /** The path given, or {@code otherwise}; absolute. */
    Path path(String name, String otherwise) {
        return Path.of(values.getOrDefault(name, otherwise)).toAbsolutePath();
    }
}
