package nl.overdracht.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Answers a problem from a Vert.x route, before any resource runs (the limits of {@link HttpLimits}
 * and {@link RateLimiting}), in the same form as {@link ProblemMapper}'s.
 */
@ApplicationScoped
class RouteProblems {

    /** The longest path named as a problem's {@code instance}; a longer one is not echoed. */
    private static final int LONGEST_INSTANCE = 256;

    @Inject
    ObjectMapper json;

    /** Ends the request with the problem of {@code type}, and these extra response headers. */
    void answer(RoutingContext context, ProblemType type, String detail, Map<String, String> headers) {
        String path = context.request().path();
        URI instance = path != null && path.length() <= LONGEST_INSTANCE && type != ProblemType.URI_TOO_LONG
                ? URI.create(path) : null;
        Problem problem = new Problem(type.type(), type.title(), type.status(), detail, instance, List.of());
        try {
            context.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            headers.forEach((name, value) -> context.response().putHeader(name, value));
            context.response().end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
