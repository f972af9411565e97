package nl.overdracht.platform;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A JSON body that could not be read, as a 400 {@code malformed-request}: the field at fault as a
 * JSON Pointer and what it must be, or where the text stops being JSON. Jackson's own messages
 * quote the body, so nothing of them is passed on: only the path, the target type and the position.
 */
final class JsonProblems {

    /** An unknown field's name comes from the caller: bounded, so a problem never grows with the body. */
    private static final int MAX_NAME = 100;

    private JsonProblems() {
    }

    static ApiException of(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return body("The body is nested too deep, or holds a number, string or name too long, to be read.");
        }
        if (e instanceof MismatchedInputException m && m.getMessage() != null
                && m.getMessage().startsWith("Trailing token")) {
            return body("The body has content after its JSON value" + at(e.getLocation()) + ".");
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return fields(u, "is not a field of this request");
        }
        if (e instanceof MismatchedInputException m) {
            return fields(m, m.getTargetType() == null ? "has the wrong type" : "must be " + kind(m.getTargetType()));
        }
        if (e instanceof JsonMappingException j && !j.getPath().isEmpty()) {
            return fields(j, "is not valid");
        }
        return body("The body is not valid JSON" + at(e.getLocation()) + ".");
    }

    private static ApiException body(String detail) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, detail);
    }

    private static ApiException fields(JsonMappingException e, String detail) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, "The body is not JSON of the expected shape.",
                List.of(new Problem.FieldError(pointer(e.getPath()), detail)));
    }

    /** The path as an RFC 6901 JSON Pointer; the empty pointer is the whole body. */
    static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            out.append('/');
            if (step.getFieldName() != null) {
                String name = step.getFieldName();
                name = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
                out.append(name.replace("~", "~0").replace("/", "~1"));
            } else if (step.getIndex() >= 0) {
                out.append(step.getIndex());
            }
        }
        return out.toString();
    }

    /** What a value of {@code type} looks like in JSON, in the caller's terms. */
    static String kind(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == LocalDate.class) {
            return "a date that exists, such as 2026-01-31";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 time such as 2026-01-31T12:00:00Z";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
