package nl.overdracht.profile;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the OSO standard says of each element of one version, derived from its XSD and the code
 * lists of its validation XSLT ({@code profiles/oso-gegevensset/<version>.elements.json}): where an
 * element's children may appear, and what its value may be. Checked on every dossier, with or
 * without the official files configured.
 *
 * @param content per element with element children: its content model
 * @param values per element with a value: what the value may be
 * @param pastDates date elements that may not lie in the future (a birth date, an inspection)
 * @param earliestDate the earliest plausible value of those dates
 */
public record OsoElements(Map<String, Content> content, Map<String, ValueRule> values, Set<String> pastDates,
        LocalDate earliestDate) {

    public OsoElements {
        content = Map.copyOf(content);
        values = Map.copyOf(values);
        pastDates = Set.copyOf(pastDates);
        Objects.requireNonNull(earliestDate, "earliestDate");
        for (String path : pastDates) {
            if (values.get(path) == null || values.get(path).kind() != ValueRule.Kind.DATE) {
                throw new IllegalArgumentException(path + " is listed as a past date but is no date element");
            }
        }
    }

    /** Whether {@code path} is an element the standard declares. */
    public boolean declares(String path) {
        return content.containsKey(path) || values.containsKey(path);
    }

    public Optional<Content> contentOf(String path) {
        return Optional.ofNullable(content.get(path));
    }

    public Optional<ValueRule> valueOf(String path) {
        return Optional.ofNullable(values.get(path));
    }

    /** The value rule of an element, or null: for the one pass, which looks up every element. */
    ValueRule valueRule(String path) {
        return values.get(path);
    }

    /** The content model of an element, or null: for the one pass. */
    Content contentModel(String path) {
        return content.get(path);
    }

    /**
     * The children an element may have, in the order the standard puts them: the positions in order
     * (alternatives of a choice share one), and whether the whole sequence may repeat, starting again
     * at its first position.
     */
    public static final class Content {

        private final List<Slot> slots;
        private final boolean cyclic;
        private final Map<String, Integer> positions = new HashMap<>();

        public Content(List<Slot> slots, boolean cyclic) {
            this.slots = List.copyOf(slots);
            this.cyclic = cyclic;
            for (int i = 0; i < this.slots.size(); i++) {
                for (String name : this.slots.get(i).names()) {
                    positions.put(name, i);
                }
            }
        }

        public List<Slot> slots() {
            return slots;
        }

        public boolean cyclic() {
            return cyclic;
        }

        /** The position of a child by its local name; -1 when the standard does not allow it here. */
        public int positionOf(String name) {
            return positions.getOrDefault(name, -1);
        }

        /** Parses the DTD-like notation of the element data: {@code a|b}, then {@code ?}, {@code +} or {@code *}. */
        static Slot slot(String notation) {
            char last = notation.isEmpty() ? ' ' : notation.charAt(notation.length() - 1);
            boolean marked = last == '?' || last == '+' || last == '*';
            String names = marked ? notation.substring(0, notation.length() - 1) : notation;
            return new Slot(List.of(names.split("\\|")), !(last == '?' || last == '*'), last == '+' || last == '*');
        }
    }

    /**
     * One position among an element's children.
     *
     * @param names the local names that may stand here (more than one for a choice)
     * @param required whether one of them must be present
     * @param repeats whether they may occur more than once
     */
    public record Slot(List<String> names, boolean required, boolean repeats) {
        public Slot {
            names = List.copyOf(names);
        }
    }
}
