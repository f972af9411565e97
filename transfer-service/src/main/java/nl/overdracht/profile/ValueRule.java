package nl.overdracht.profile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the value of one OSO element may be: its XSD type and facets, and the code list of the
 * standard it must come from. {@link #check} never quotes the value it checks.
 *
 * @param kind the XSD base type
 * @param pattern the XSD pattern the whole value must match, if any
 * @param minLength the fewest characters, if limited
 * @param maxLength the most characters, if limited
 * @param minInclusive the least number, if limited
 * @param maxInclusive the greatest number, if limited
 * @param codeList the number of the standard's code list the value comes from, if any
 * @param codes the codes of that list
 */
public record ValueRule(Kind kind, Optional<Pattern> pattern, OptionalInt minLength, OptionalInt maxLength,
        OptionalLong minInclusive, OptionalLong maxInclusive, Optional<String> codeList, Set<String> codes) {

    /** The most characters of a value kept for checking; longer values are only counted. */
    static final int KEPT_CHARS = 256;
    private static final int CODES_SHOWN = 12;
    private static final Pattern DATE = Pattern.compile("(-?\\d{4,})-(\\d{2})-(\\d{2})(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Set<String> BOOLEANS = Set.of("true", "false", "1", "0");

    /** The XSD base types the OSO gegevensset uses. */
    public enum Kind {
        STRING, DATE, BOOLEAN, INTEGER, INT, DECIMAL
    }

    /** What is wrong with a value: a rule code and a reason without the value. */
    public record Fault(String code, String reason) {
    }

    public ValueRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(codeList, "codeList");
        codes = Set.copyOf(codes);
        if (codeList.isPresent() == codes.isEmpty()) {
            throw new IllegalArgumentException("A code list needs its codes, and codes their list");
        }
    }

    /**
     * Checks a value as it stands in the dossier.
     *
     * @param raw the value, up to {@link #KEPT_CHARS} characters
     * @param length the value's full length in characters
     */
    public Optional<Fault> check(String raw, long length) {
        boolean whole = length <= raw.length();
        // XSD: strings keep their white space; every other type collapses it
        String value = kind == Kind.STRING ? raw : raw.strip();
        // a value longer than any date, boolean or number can be is none of them
        Optional<Fault> typed = typeFault(whole ? value : "");
        if (typed.isPresent()) {
            return typed;
        }
        if (minLength.isPresent() && length < minLength.getAsInt()) {
            return fault(Violation.INVALID_VALUE, minLength.getAsInt() == 1 ? "The value may not be empty."
                    : "The value has fewer than " + minLength.getAsInt() + " characters.");
        }
        if (maxLength.isPresent() && length > maxLength.getAsInt()) {
            return fault(Violation.INVALID_VALUE, "The value has more than " + maxLength.getAsInt() + " characters.");
        }
        if (pattern.isPresent() && !(whole && pattern.get().matcher(value).matches())) {
            return fault(Violation.INVALID_VALUE, "The value does not have the standard's form " + pattern.get().pattern() + ".");
        }
        if (codeList.isPresent() && !(whole && codes.contains(raw))) {
            return fault(Violation.INVALID_CODE, "The value is not in code list " + codeList.get() + " of the standard"
                    + (codes.size() <= CODES_SHOWN ? " (" + String.join(", ", codes.stream().sorted().toList()) + ")." : "."));
        }
        return Optional.empty();
    }

    /** The value as a date, when this is a date element and the value is a real date. */
    public Optional<LocalDate> date(String raw) {
        return kind == Kind.DATE ? parseDate(raw.strip()) : Optional.empty();
    }

    private Optional<Fault> typeFault(String value) {
        return switch (kind) {
            case STRING -> Optional.empty();
            case DATE -> parseDate(value).isPresent() ? Optional.empty()
                    : fault(Violation.INVALID_TYPE, "The value is not a date that exists, written YYYY-MM-DD.");
            case BOOLEAN -> BOOLEANS.contains(value) ? Optional.empty()
                    : fault(Violation.INVALID_TYPE, "The value is not a boolean (true or false).");
            case INTEGER, INT -> integerFault(value);
            case DECIMAL -> DECIMAL.matcher(value).matches() ? Optional.empty()
                    : fault(Violation.INVALID_TYPE, "The value is not a decimal number.");
        };
    }

    private Optional<Fault> integerFault(String value) {
        if (!INTEGER.matcher(value).matches()) {
            return fault(Violation.INVALID_TYPE, "The value is not a whole number.");
        }
        BigInteger number = new BigDecimal(value).toBigInteger();
        long low = minInclusive.orElse(kind == Kind.INT ? Integer.MIN_VALUE : Long.MIN_VALUE);
        long high = maxInclusive.orElse(kind == Kind.INT ? Integer.MAX_VALUE : Long.MAX_VALUE);
        if ((kind == Kind.INT || minInclusive.isPresent() || maxInclusive.isPresent())
                && (number.compareTo(BigInteger.valueOf(low)) < 0 || number.compareTo(BigInteger.valueOf(high)) > 0)) {
            return fault(Violation.INVALID_VALUE, "The number lies outside " + low + " to " + high + ".");
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> parseDate(String value) {
        Matcher m = DATE.matcher(value);
        if (!m.matches() || m.group(1).length() > 9) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Fault> fault(String code, String reason) {
        return Optional.of(new Fault(code, reason));
    }
}
