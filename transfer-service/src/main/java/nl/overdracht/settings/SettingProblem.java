package nl.overdracht.settings;

import java.util.Objects;

/**
 * One setting that stops the start: the property it is about and what is wrong with it, never its
 * value. Reads {@code property: problem}.
 */
public record SettingProblem(String property, String problem) {

    public SettingProblem {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(problem, "problem");
    }

    /** A setting that is not given (or blank), and what it is for. */
    public static SettingProblem missing(String property, String whatItIs) {
        return new SettingProblem(property, "not set; " + whatItIs);
    }

    @Override
    public String toString() {
        return property + ": " + problem;
    }
}
