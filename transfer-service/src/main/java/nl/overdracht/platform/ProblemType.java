package nl.overdracht.platform;

import java.net.URI;

/**
 * Every kind of error the API answers, with its HTTP status, its stable type URI and its title.
 * This is the one table from error kind to status; nothing else picks a status for an error.
 */
public enum ProblemType {
    MALFORMED_REQUEST(400, "malformed-request", "The request could not be read"),
    MALFORMED_DOSSIER(400, "malformed-dossier", "The dossier is not well-formed or exceeds a structural limit"),
    INVALID_REQUEST(400, "invalid-request", "The request has invalid fields"),
    UNAUTHENTICATED(401, "unauthenticated", "A valid bearer token is required"),
    FORBIDDEN(403, "forbidden", "The caller's role does not allow this"),
    SCHOOL_NOT_ADMITTED(403, "school-not-admitted", "The school is suspended or not registered"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "The method is not allowed on this resource"),
    NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
    CONFLICT(409, "conflict", "The request conflicts with the resource's current state"),
    ILLEGAL_TRANSITION(409, "illegal-transition", "The dossier's state does not allow this"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    URI_TOO_LONG(414, "uri-too-long", "The request line is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The media type is not supported"),
    UNPROCESSABLE(422, "unprocessable", "The request is well-formed but violates the rules"),
    DOSSIER_REJECTED(422, "dossier-rejected", "The dossier holds data that may not be transferred"),
    MANDATORY_SECTION(422, "mandatory-section", "The law makes this section mandatory to transfer"),
    SENDER_MISMATCH(422, "sender-mismatch", "The dossier names another sending school than the caller's"),
    RECEIVER_MISMATCH(422, "receiver-mismatch", "The dossier and the request do not agree on the receiving school"),
    UNKNOWN_SCHOOL(422, "unknown-school", "The school named is not one that can take part"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "The request's headers are too large"),
    INTERNAL(500, "internal", "An unexpected error occurred"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "A service the request needs is unavailable");

    /** All type URIs share this base; the URIs are stable and documented in the README. */
    public static final String BASE = "https://overdracht.nl/problems/";

    private final int status;
    private final URI type;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.type = URI.create(BASE + slug);
        this.title = title;
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The generic kind for a bare HTTP status, for errors raised by the framework. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 429 -> TOO_MANY_REQUESTS;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
        };
    }
}
