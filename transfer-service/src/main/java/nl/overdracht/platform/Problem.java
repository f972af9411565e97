package nl.overdracht.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details body.
 *
 * @param errors the fields at fault, each with a JSON Pointer (or element path) and what is wrong
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One field at fault.
     *
     * @param pointer JSON Pointer into the request, or an element path for XML
     * @param detail what is wrong with it
     * @param code a stable rule code, when a rule names one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String pointer, String detail, String code) {
        public FieldError(String pointer, String detail) {
            this(pointer, detail, null);
        }
    }
}
