package nl.overdracht.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an OSO element data file ({@code <version>.elements.json}: {@code codeLists} and, per element
 * path, either {@code children} in DTD-like notation or a value {@code type} with its facets and
 * {@code codeList}). Fails loudly on anything it does not understand.
 */
final class OsoElementsReader {

    private final String file;

    OsoElementsReader(String file) {
        this.file = file;
    }

    OsoElements read(JsonNode root, Set<String> pastDates, LocalDate earliestDate) {
        Map<String, Set<String>> codeLists = new HashMap<>();
        root.path("codeLists").fields().forEachRemaining(e -> {
            Set<String> codes = new HashSet<>();
            e.getValue().forEach(code -> codes.add(code.asText()));
            codeLists.put(e.getKey(), codes);
        });
        Map<String, OsoElements.Content> content = new HashMap<>();
        Map<String, ValueRule> values = new HashMap<>();
        JsonNode elements = root.path("elements");
        if (!elements.isObject() || elements.isEmpty()) {
            throw new IllegalStateException(file + ": no elements");
        }
        elements.fields().forEachRemaining(e -> {
            JsonNode element = e.getValue();
            if (element.has("children")) {
                List<OsoElements.Slot> slots = new ArrayList<>();
                element.get("children").forEach(slot -> slots.add(OsoElements.Content.slot(slot.asText())));
                content.put(e.getKey(), new OsoElements.Content(slots, element.path("cyclic").asBoolean(false)));
            } else {
                values.put(e.getKey(), value(e.getKey(), element, codeLists));
            }
        });
        try {
            return new OsoElements(content, values, pastDates, earliestDate);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private ValueRule value(String path, JsonNode element, Map<String, Set<String>> codeLists) {
        ValueRule.Kind kind;
        try {
            kind = ValueRule.Kind.valueOf(element.path("type").asText().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + path + " has no known type");
        }
        Optional<String> codeList = Optional.ofNullable(element.get("codeList")).map(JsonNode::asText);
        Set<String> codes = codeList.map(list -> {
            Set<String> found = codeLists.get(list);
            if (found == null) {
                throw new IllegalStateException(file + ": " + path + " names code list " + list + ", which is not there");
            }
            return found;
        }).orElse(Set.of());
        return new ValueRule(kind, pattern(path, element), optionalInt(element, "minLength"),
                optionalInt(element, "maxLength"), optionalLong(element, "minInclusive"),
                optionalLong(element, "maxInclusive"), codeList, codes);
    }

    private Optional<Pattern> pattern(String path, JsonNode element) {
        if (!element.has("pattern")) {
            return Optional.empty();
        }
        try {
            // the OSO patterns are in the common subset of XSD and Java regular expressions
            return Optional.of(Pattern.compile(element.get("pattern").asText()));
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException(file + ": the pattern of " + path + " does not compile", e);
        }
    }

    private static OptionalInt optionalInt(JsonNode element, String field) {
        return element.has(field) ? OptionalInt.of(element.get(field).asInt()) : OptionalInt.empty();
    }

    private static OptionalLong optionalLong(JsonNode element, String field) {
        return element.has(field) ? OptionalLong.of(element.get(field).asLong()) : OptionalLong.empty();
    }
}
