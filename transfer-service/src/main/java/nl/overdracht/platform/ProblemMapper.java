package nl.overdracht.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become responses: every error leaves as RFC 9457
 * {@code application/problem+json}, with the status and type from {@link ProblemType}. Fails
 * closed: anything unknown is a 500 that names an error id, never a stack trace or a class.
 * Every 401 for a presented token and every 403 is announced as an {@link AccessRefused} event
 * (asynchronous), which the audit log records: a refused token counted per source and reason, a
 * refused caller one by one.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String RETRY_AFTER = "Retry-After";

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return respond(e.type(), e.getMessage(), e.errors(), uri);
    }

    @Inject
    Event<AccessRefused> refusals;

    @Inject
    SecurityIdentity identity;

    /**
     * 401. A validly signed token with a claim out of its form names the claim (never its value);
     * any other token failure reads the same, whatever failed.
     */
    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri, HttpHeaders headers, HttpServerRequest request) {
        InvalidClaimException claim = invalidClaim(e);
        if (headers != null && headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            // a presented token that failed is an attempt; a request without one is not audited
            refused(AccessRefused.token(path(uri), ClientAddress.of(request),
                    claim == null ? AccessRefused.INVALID_TOKEN : AccessRefused.INVALID_CLAIM + claim.claim()));
        }
        String detail = claim == null ? "Send a valid bearer token issued for Overdracht." : claim.getMessage();
        return Response.fromResponse(respond(ProblemType.UNAUTHENTICATED, detail, List.of(), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        refused(AccessRefused.caller(path(uri), ProblemType.FORBIDDEN.status(), subject()));
        return respond(ProblemType.FORBIDDEN, "The caller's roles do not include one this operation needs.",
                List.of(), uri);
    }

    /** 429 with {@code Retry-After} in whole seconds. */
    @ServerExceptionMapper
    public Response tooManyRequests(RateLimitedException e, UriInfo uri) {
        return Response.fromResponse(api(e, uri))
                .header(RETRY_AFTER, e.retryAfter().toSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(pointer(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.pointer().compareTo(b.pointer()))
                .toList();
        return respond(ProblemType.INVALID_REQUEST, "Some fields of the request are invalid.", errors, uri);
    }

    /**
     * A body that is not JSON of the expected shape. Named beside {@link JsonProcessingException}
     * because a mapper for the exact class wins, and the built-in one for mismatched input answers
     * without a problem body.
     */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof InvalidDefinitionException) {
            return unexpected(e, uri); // a request type Jackson cannot build is the service's fault
        }
        return api(JsonProblems.of(e), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        if (status >= 500) {
            return unexpected(e, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri); // the JSON reader wraps most of its failures as a bare 400
        }
        return respond(type, type.title() + ".", List.of(), uri);
    }

    @Inject
    DatabaseConfig database;

    /**
     * Anything no other mapper took: a 503 with {@code Retry-After} when PostgreSQL is unavailable
     * ({@link DatabaseUnavailable}; one WARN line naming the kind of failure, never its message), else
     * a 500 naming an error id.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<String> unavailable = DatabaseUnavailable.reason(e);
        if (unavailable.isPresent()) {
            LOG.warnf("PostgreSQL unavailable on %s: %s; answered %d", uri == null ? "?" : uri.getPath(),
                    unavailable.get(), ProblemType.SERVICE_UNAVAILABLE.status());
            return Response.fromResponse(respond(ProblemType.SERVICE_UNAVAILABLE,
                            "The database is unavailable; retry later.", List.of(), uri))
                    .header(HttpHeaders.RETRY_AFTER, Math.max(1, database.retryAfter().toSeconds()))
                    .build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(withoutMessages(e), "Unexpected error %s on %s", errorId, uri == null ? "?" : uri.getPath());
        return respond(ProblemType.INTERNAL, "Unexpected error; quote error id " + errorId + " to the operator.",
                List.of(), uri);
    }

    /** Announces a refusal for the audit log; never blocks the request. */
    private void refused(AccessRefused refusal) {
        try {
            refusals.fireAsync(refusal);
        } catch (RuntimeException e) {
            LOG.warnf("Could not announce a refused request (status %d): %s", refusal.status(),
                    e.getClass().getSimpleName());
        }
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** The claim that failed, when a token failed for a claim out of its form (the security layer may wrap it). */
    private static InvalidClaimException invalidClaim(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidClaimException claim) {
                return claim;
            }
        }
        return null;
    }

    private String subject() {
        try {
            return identity == null || identity.isAnonymous() ? null : identity.getPrincipal().getName();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Builds the problem response; public so that non-JAX-RS routes answer in the same form. */
    public static Response respond(ProblemType type, String detail, List<Problem.FieldError> errors, UriInfo uri) {
        URI instance = uri == null ? null : URI.create(uri.getRequestUri().getRawPath());
        Problem body = new Problem(type.type(), type.title(), type.status(), detail, instance, errors);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** A bean-validation property path ({@code submit.body.items[2].name}) as a JSON Pointer ({@code /items/2/name}). */
    static String pointer(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        StringBuilder out = new StringBuilder();
        // the first two parts name the Java method and its parameter
        for (int i = Math.min(2, parts.length - 1); i < parts.length; i++) {
            out.append('/').append(parts[i].replaceAll("\\[(\\d+)]", "/$1").replace("<list element>", ""));
        }
        return out.toString().replace("//", "/");
    }

    /**
     * The failure as a chain of class names and stack frames only: a driver's or parser's message
     * may quote a bound value (a hash, a ciphertext, a field of a dossier), and logs never hold one.
     */
    static Throwable withoutMessages(Throwable e) {
        Throwable cause = e.getCause() == null || e.getCause() == e ? null : withoutMessages(e.getCause());
        Throwable copy = new Throwable(e.getClass().getName(), cause, false, true) {
            @Override
            public String toString() {
                return getMessage();
            }
        };
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
