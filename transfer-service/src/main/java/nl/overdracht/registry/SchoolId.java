package nl.overdracht.registry;

import java.util.regex.Pattern;

/**
 * The one rule for what a school id is: a Dutch BRIN code with its two-digit vestiging
 * ({@code 00YY00}), or a Flemish instellingsnummer (five or six digits, {@code 012345}). Every
 * place that takes a school id from a request holds it to this rule; the registry registers no
 * other, so an id that breaks it names no school. Ids are taken as given: a lower-case BRIN is not
 * a school id, not one to correct.
 */
public final class SchoolId {

    /** The accepted forms, as a regular expression (for bean validation's {@code @Pattern}). */
    public static final String FORM = "[0-9]{2}[A-Z]{2}[0-9]{2}|[0-9]{5,6}";
    /** The accepted forms in words, for a problem that names a field holding something else. */
    public static final String DESCRIPTION = "BRIN plus vestiging (00YY00) or instellingsnummer (5 or 6 digits)";
    private static final Pattern PATTERN = Pattern.compile(FORM);

    private SchoolId() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
