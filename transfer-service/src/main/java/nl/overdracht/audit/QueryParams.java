package nl.overdracht.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;

/** Parses the audit API's query parameters; a bad one is a 400 naming the parameter, never echoing its value. */
final class QueryParams {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private QueryParams() {
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be a UUID");
        }
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
        }
    }

    static AuditAction action(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditAction.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("action", "must be one of the audit actions");
        }
    }

    static String school(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 64) {
            throw invalid("school", "must be a school id");
        }
        return value.trim();
    }

    static long cursor(String name, Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw invalid(name, "must not be negative");
        }
        return value;
    }

    static Long sequence(String name, Long value) {
        if (value != null && value < 1) {
            throw invalid(name, "must be a sequence number, 1 or more");
        }
        return value;
    }

    static int limit(Integer value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return value;
    }

    static ApiException invalid(String name, String detail) {
        return new ApiException(ProblemType.INVALID_REQUEST, "Some query parameters are invalid.",
                List.of(new Problem.FieldError(name, detail)));
    }
}
