package nl.overdracht.registry;

import java.util.regex.Pattern;

/**
 * The forms a school id takes: a Dutch BRIN code with its two-digit vestiging ({@code 00YY00}),
 * or a Flemish instellingsnummer (five or six digits, {@code 012345}).
 */
public final class SchoolId {

    /** The accepted forms, as a regular expression. */
    public static final String FORM = "[0-9]{2}[A-Z]{2}[0-9]{2}|[0-9]{5,6}";
    private static final Pattern PATTERN = Pattern.compile(FORM);

    private SchoolId() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
