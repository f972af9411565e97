package nl.overdracht.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code profiles/index.json} and each listed {@code profiles/<id>/<version>.json} from a
 * class loader. Fails loudly on a missing file or an inconsistent profile: the service must not
 * start with a policy it cannot read.
 */
final class ProfileLoader {

    static final String INDEX = "profiles/index.json";

    private final ObjectMapper mapper = new ObjectMapper();
    private final ClassLoader loader;

    ProfileLoader(ClassLoader loader) {
        this.loader = loader;
    }

    List<Profile> load() {
        JsonNode index = read(INDEX);
        List<Profile> profiles = new ArrayList<>();
        for (JsonNode entry : required(index, "profiles", INDEX)) {
            String id = text(entry, "id", INDEX);
            String format = text(entry, "format", INDEX);
            for (JsonNode version : required(entry, "versions", INDEX)) {
                String file = "profiles/" + id + "/" + version.asText() + ".json";
                Profile profile = profile(read(file), file);
                if (!profile.id().equals(id) || !profile.version().equals(version.asText())
                        || !profile.format().equals(format)) {
                    throw new IllegalStateException(file + " does not match its entry in " + INDEX);
                }
                profiles.add(profile);
            }
        }
        return List.copyOf(profiles);
    }

    private Profile profile(JsonNode node, String file) {
        String format = text(node, "format", file);
        List<Section> sections = new ArrayList<>();
        Map<String, List<String>> paths = new LinkedHashMap<>();
        Map<String, String> categories = new LinkedHashMap<>();
        for (JsonNode s : required(node, "sections", file)) {
            String name = text(s, "name", file);
            Optional<String> reason = Optional.ofNullable(s.get("mandatoryReason")).map(JsonNode::asText);
            sections.add(new Section(name, text(s, "title", file), s.path("mandatory").asBoolean(false), reason));
            paths.put(name, strings(required(s, "paths", file)));
            if (s.has("category")) {
                categories.put(name, s.get("category").asText());
            }
        }
        JsonNode limits = required(node, "limits", file);
        JsonNode retention = required(node, "retention", file);
        return new Profile(text(node, "id", file), text(node, "version", file), format, sections,
                new Limits(limits.path("maxBodyBytes").asLong(), limits.path("maxAttachmentBytes").asLong(),
                        limits.path("maxDepth").asInt(), limits.path("maxElements").asInt()),
                duration(node, "objectionWindow", file), duration(node, "expiry", file),
                new Retention(duration(retention, "afterDelivery", file), duration(retention, "afterObjection", file),
                        duration(retention, "afterWithdrawal", file), duration(retention, "afterExpiry", file)),
                new Whitelist(paths),
                Profile.FORMAT_OSO_XML.equals(format)
                        ? Optional.of(oso(required(node, "oso", file), categories, paths, file)) : Optional.empty(),
                Profile.FORMAT_JSON.equals(format) ? Optional.of(json(required(node, "json", file), file))
                        : Optional.empty(),
                parties(node.path("parties"), file));
    }

    private OsoRules oso(JsonNode node, Map<String, String> categories, Map<String, List<String>> paths, String file) {
        Map<String, OsoRules.TransferKind> kinds = new LinkedHashMap<>();
        required(node, "transferKinds", file).fields().forEachRemaining(e -> kinds.put(e.getKey(),
                new OsoRules.TransferKind(OsoRules.InzageRule.valueOf(text(e.getValue(), "inzage", file).toUpperCase()),
                        Set.copyOf(strings(e.getValue().path("forbiddenSections"))))));
        Map<String, String> markReasons = new LinkedHashMap<>();
        required(node, "markReasons", file).fields().forEachRemaining(e -> markReasons.put(e.getKey(), e.getValue().asText()));
        Set<String> forbiddenMarks = Set.copyOf(strings(required(node, "forbiddenMarks", file)));
        if (!markReasons.keySet().containsAll(forbiddenMarks)) {
            throw new IllegalStateException(file + ": every forbidden mark needs a reason");
        }
        Map<String, String> refusedKinds = new LinkedHashMap<>();
        node.path("refusedKinds").fields().forEachRemaining(e -> refusedKinds.put(e.getKey(), e.getValue().asText()));
        String elementsFile = file.substring(0, file.lastIndexOf('/') + 1) + text(node, "elements", file);
        OsoElements elements = new OsoElementsReader(elementsFile).read(read(elementsFile),
                Set.copyOf(strings(node.path("pastDates"))), LocalDate.parse(text(node, "earliestDate", file)));
        paths.values().stream().flatMap(List::stream).filter(path -> !elements.declares(path)).findFirst()
                .ifPresent(path -> {
                    throw new IllegalStateException(file + ": " + path + " is whitelisted but not an element of "
                            + elementsFile);
                });
        return new OsoRules(text(node, "namespace", file), Set.copyOf(strings(required(node, "standardVersions", file))),
                Set.copyOf(strings(node.path("allowedAttributes"))), kinds, categories, forbiddenMarks,
                Set.copyOf(strings(required(node, "knownMarks", file))), markReasons,
                text(node, "transferKindReason", file), Set.copyOf(strings(required(node, "documentKinds", file))),
                refusedKinds, elements, Set.copyOf(strings(node.path("removedMarks"))));
    }

    private static Parties parties(JsonNode node, String file) {
        return new Parties(schoolReference(node.get("sendingSchool"), file),
                schoolReference(node.get("receivingSchool"), file));
    }

    private static Optional<SchoolReference> schoolReference(JsonNode node, String file) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new SchoolReference(strings(required(node, "paths", file)), node.path("required").asBoolean(false)));
    }

    private JsonRules json(JsonNode node, String file) {
        JsonNode pupilId = required(node, "pupilId", file);
        Optional<JsonRules.VerslagRule> verslag = Optional.ofNullable(node.get("verslagRequired"))
                .map(v -> new JsonRules.VerslagRule(text(v, "flag", file), new HashSet<>(strings(v.path("absentValues"))),
                        text(v, "section", file)));
        List<JsonRules.ForbiddenRule> forbidden = new ArrayList<>();
        for (JsonNode f : node.path("forbidden")) {
            forbidden.add(new JsonRules.ForbiddenRule(text(f, "kind", file), text(f, "code", file),
                    Set.copyOf(strings(required(f, "names", file))), text(f, "reason", file)));
        }
        return new JsonRules(Set.copyOf(strings(required(node, "envelope", file))), text(pupilId, "path", file),
                PupilId.Kind.valueOf(text(pupilId, "kind", file)), Set.copyOf(strings(node.path("attachments"))),
                verslag, forbidden, Optional.ofNullable(node.get("contactRequested")).map(JsonNode::asText));
    }

    private JsonNode read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Profile resource " + resource + " is not on the class path");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read profile resource " + resource, e);
        }
    }

    private static JsonNode required(JsonNode node, String field, String file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(file + ": missing " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field, String file) {
        return required(node, field, file).asText();
    }

    private static Duration duration(JsonNode node, String field, String file) {
        return Duration.parse(text(node, field, file));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
