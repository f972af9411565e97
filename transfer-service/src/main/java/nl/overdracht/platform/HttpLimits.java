package nl.overdracht.platform;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP limits, answered with the same problem as every other refusal (the HTTP layer's own
 * refusals have no body), before a handler or a byte of the body is read:
 * <ul>
 *   <li>a request line (method, path and query) over {@link #MAX_REQUEST_LINE} characters: 414;</li>
 *   <li>headers over {@link #MAX_HEADERS} bytes in all: 431;</li>
 *   <li>a body over {@code quarkus.http.limits.max-body-size}: 413, whether its length is declared
 *       (refused at once) or it comes in chunks (read up to the limit, then refused).</li>
 * </ul>
 * The HTTP layer's own limits ({@code quarkus.http.limits.max-initial-line-length} and
 * {@code max-header-size}) are set far above these, as a backstop against requests no client sends.
 * Each dossier profile sets its own, smaller body limit on top of this one.
 */
@ApplicationScoped
public class HttpLimits {

    /** The longest request line served, in characters. */
    public static final int MAX_REQUEST_LINE = 4096;
    /** The most header bytes served (names, values and separators). */
    public static final int MAX_HEADERS = 16 * 1024;

    @Inject
    RouteProblems problems;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize limit;

    private BodyHandler chunkedBodies;

    void install(@Observes Router router) {
        chunkedBodies = BodyHandler.create(false).setBodyLimit(limit.asLongValue()).setHandleFileUploads(false);
        router.route().order(Integer.MIN_VALUE).handler(this::check).failureHandler(this::refuseOversizedChunks);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method().name().length() + 1 + request.uri().length() + 9 > MAX_REQUEST_LINE) {
            refuse(context, ProblemType.URI_TOO_LONG, "The request line is longer than the service accepts ("
                    + MAX_REQUEST_LINE + " characters).");
            return;
        }
        if (headerBytes(request) > MAX_HEADERS) {
            refuse(context, ProblemType.HEADERS_TOO_LARGE, "The request's headers are larger than the service accepts ("
                    + MAX_HEADERS + " bytes).");
            return;
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            if (exceeds(declared)) {
                refuse(context, ProblemType.PAYLOAD_TOO_LARGE, tooLarge());
                return;
            }
            context.next();
            return;
        }
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            chunkedBodies.handle(context); // reads the body up to the limit, or fails with 413
            return;
        }
        context.next();
    }

    /** A chunked body that passed the limit: the body handler failed the request with 413. */
    void refuseOversizedChunks(RoutingContext context) {
        if (context.statusCode() == ProblemType.PAYLOAD_TOO_LARGE.status() && !context.response().headWritten()) {
            refuse(context, ProblemType.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        context.next();
    }

    private String tooLarge() {
        return "The body is larger than the service accepts (" + limit.asLongValue() + " bytes).";
    }

    /** Answers with the problem and closes the connection: the rest of what the client sends is not read. */
    private void refuse(RoutingContext context, ProblemType type, String detail) {
        problems.answer(context, type, detail, Map.of(HttpHeaders.CONNECTION.toString(), "close"));
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit.asLongValue();
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed length itself
        }
    }
}
