package nl.overdracht.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limit per client address on a real HTTP server with a low limit (3 requests a minute): the
 * rate-limit handler in front of a route that refuses every token, as the API does a bad one. The
 * shared test service keeps its generous defaults; this is where a limit is reached.
 */
class AddressRateLimitTest {

    private static final int LIMIT = 3;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        RateLimiting limits = new RateLimiting(config(LIMIT, Duration.ofMinutes(1)));
        limits.problems = new RouteProblems();
        limits.problems.json = json;
        limits.install(router);
        router.route().handler(context -> context.response().setStatusCode(401).end());
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void bad_tokens_past_the_limit_get_429_problem_with_retry_after() throws Exception {
        // Given an address that sent its limit of bad tokens, each refused by the service
        for (int i = 0; i < LIMIT; i++) {
            assertThat(get("/api/v1/me").statusCode()).isEqualTo(401);
        }

        // When it sends one more
        HttpResponse<String> refused = get("/api/v1/me");

        // Then the limit refuses it before the token is looked at, saying when to try again
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("type").asText()).isEqualTo(ProblemType.BASE + "too-many-requests");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/me");
    }

    @Test
    void the_public_openapi_document_is_not_limited() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            get("/api/v1/me");
        }

        assertThat(get("/q/openapi").statusCode()).isEqualTo(401); // the route behind, not 429
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .header("Authorization", "Bearer not-a-token").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One limit, given as either kind. */
    private record Limit(int requests, Duration period) implements RateLimitConfig.PerAddress, RateLimitConfig.PerCaller {
    }

    static RateLimitConfig config(int requests, Duration period) {
        return new RateLimitConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public PerAddress perAddress() {
                return new Limit(requests, period);
            }

            @Override
            public PerCaller perCaller() {
                return new Limit(requests, period);
            }

            @Override
            public long trackedKeys() {
                return 100;
            }
        };
    }
}
