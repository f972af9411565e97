package nl.overdracht.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The statuses {@code api/openapi.yaml} lists for each operation, looked up by method and path, as
 * a response interceptor of the generated client: an answer with a status the contract does not
 * list for its operation is recorded, and fails the test that made it.
 */
final class ContractStatuses implements Consumer<HttpResponse<InputStream>> {

    private record Operation(String method, String template, Pattern path, Set<String> statuses) {
    }

    private final List<Operation> operations = new ArrayList<>();
    private final List<String> undocumented = new ArrayList<>();
    private final List<String> answered = new ArrayList<>();

    ContractStatuses(Path contract) {
        JsonNode document;
        try {
            document = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(contract));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getValue().has("responses")) {
                return;
            }
            Set<String> statuses = new HashSet<>();
            op.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
            Pattern pattern = Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
            operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), pattern, statuses));
        }));
    }

    @Override
    public synchronized void accept(HttpResponse<InputStream> response) {
        String method = response.request().method();
        String path = response.request().uri().getPath();
        String status = Integer.toString(response.statusCode());
        Operation operation = operations.stream()
                .filter(op -> op.method().equals(method) && op.path().matcher(path).matches())
                .findFirst().orElse(null);
        if (operation == null) {
            undocumented.add(method + " " + path + " is no operation of the contract");
            throw new AssertionError(undocumented.get(undocumented.size() - 1));
        }
        answered.add(method + " " + operation.template() + " " + status);
        if (!operation.statuses().contains(status)) {
            undocumented.add(method + " " + operation.template() + " answered " + status + ", not among "
                    + operation.statuses());
            throw new AssertionError(undocumented.get(undocumented.size() - 1));
        }
    }

    /** The answers whose status the contract does not list; empty when every answer kept to it. */
    synchronized List<String> undocumented() {
        return List.copyOf(undocumented);
    }

    /** Every answer seen, as method, path template and status. */
    synchronized List<String> answered() {
        return List.copyOf(answered);
    }
}
