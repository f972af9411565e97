package nl.overdracht.platform;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Parses the query parameters the APIs share: a page's {@code limit} and {@code cursor}, and ids,
 * times and sequence numbers to filter by. An absent parameter takes its default (null where it
 * filters); a bad one is a 400 {@code invalid-request} naming the parameter, never echoing its
 * value.
 *
 * <p>Every method takes the {@code name} its API gives the parameter in a problem's errors: the
 * audit API names query parameters bare ({@code limit}), the dossier, enrolment and delivery APIs
 * as a JSON Pointer ({@code /limit}), like the other fields they name.
 */
public final class QueryParams {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** The API document's words for {@code limit}. */
    public static final String LIMIT_DESCRIPTION = "How many items at most: 1 to 1000, 100 when absent";
    /** The API document's words for {@code cursor}. */
    public static final String CURSOR_DESCRIPTION = "Where the page starts: the next value of the previous page; "
            + "absent for the first page";

    private QueryParams() {
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be a UUID");
        }
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
        }
    }

    /** Where a page starts (the position the page before ended at): 0 when absent, never negative. */
    public static long cursor(String name, String value) {
        Long cursor = whole(name, value, "must be a whole number, 0 or more");
        if (cursor == null) {
            return 0;
        }
        if (cursor < 0) {
            throw invalid(name, "must not be negative");
        }
        return cursor;
    }

    public static Long sequence(String name, String value) {
        Long sequence = whole(name, value, "must be a sequence number, 1 or more");
        if (sequence != null && sequence < 1) {
            throw invalid(name, "must be a sequence number, 1 or more");
        }
        return sequence;
    }

    /** A page size: {@value #DEFAULT_LIMIT} when absent, otherwise 1 to {@value #MAX_LIMIT}. */
    public static int limit(String name, String value) {
        Long limit = whole(name, value, "must be a whole number between 1 and " + MAX_LIMIT);
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid(name, "must be between 1 and " + MAX_LIMIT);
        }
        return limit.intValue();
    }

    /**
     * A whole number, or null when absent. Parameters are declared as strings and parsed here:
     * the framework's own conversion answers a malformed number with a bare 404.
     */
    private static Long whole(String name, String value, String detail) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, detail);
        }
    }

    /** A 400 {@code invalid-request} naming one query parameter (as {@code name}) and what is wrong with it. */
    public static ApiException invalid(String name, String detail) {
        return new ApiException(ProblemType.INVALID_REQUEST, "Some query parameters are invalid.",
                List.of(new Problem.FieldError(name, detail)));
    }
}
