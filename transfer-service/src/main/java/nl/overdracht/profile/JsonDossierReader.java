package nl.overdracht.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a JSON dossier ({@code {"profile", "schemaVersion", "receivingSchool"?, "sendingSchool"?,
 * "dossier"}}): finds its profile version, then checks every member against the whitelist and the
 * forbidden names, the pupil identifier, the attachments and a stated verslag.
 */
final class JsonDossierReader {

    private final ProfileCatalog catalog;
    private final ObjectMapper mapper;

    JsonDossierReader(ProfileCatalog catalog) {
        this.catalog = catalog;
        this.mapper = JsonDossiers.mapper(catalog.maxBodyBytes());
    }

    InspectedDossier read(byte[] body) {
        JsonNode root = JsonDossiers.parse(mapper, body);
        Profile profile = profileOf(root);
        Limits limits = profile.limits();
        if (body.length > limits.maxBodyBytes()) {
            throw new DossierTooLargeException(body.length, limits.maxBodyBytes());
        }
        JsonRules rules = profile.json().orElseThrow();
        Check check = new Check(profile, rules);
        Iterator<Map.Entry<String, JsonNode>> members = root.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String pointer = "/" + JsonDossiers.escape(member.getKey());
            if (!rules.envelope().contains(pointer)) {
                check.violations.add(pointer, Violation.NOT_WHITELISTED, "The member is not part of the envelope.");
            } else if (!pointer.equals("/dossier") && !member.getValue().isTextual()) {
                check.violations.add(pointer, Violation.INVALID_TYPE, "The member must be a string.");
            }
        }
        JsonNode dossier = root.get("dossier");
        if (dossier == null || !dossier.isObject()) {
            check.violations.add("/dossier", Violation.REQUIRED_MISSING, "The dossier member must be an object.");
        } else {
            check.walk(dossier, "/dossier", "/dossier", 1);
        }
        PupilId pupilId = check.pupilId(root);
        check.verslag(root);
        boolean contactRequested = check.contactRequested(root);
        Optional<String> receiving = check.school(root, profile.parties().receivingSchool());
        Optional<String> sending = check.school(root, profile.parties().sendingSchool());
        check.violations.throwIfAny();
        return new InspectedDossier(profile, pupilId, receiving, sending, Optional.empty(), check.sectionsPresent,
                Optional.empty(), body, contactRequested);
    }

    private Profile profileOf(JsonNode root) {
        String id = root.path("profile").isTextual() ? root.get("profile").asText() : null;
        String version = root.path("schemaVersion").isTextual() ? root.get("schemaVersion").asText() : null;
        if (id == null || !catalog.knows(id)) {
            throw new DossierRejectedException(java.util.List.of(new Violation("/profile", Violation.UNSUPPORTED_PROFILE,
                    "The profile must name a live JSON profile.")));
        }
        Optional<Profile> profile = version == null ? Optional.empty() : catalog.find(id, version);
        if (profile.isEmpty() || profile.get().json().isEmpty()) {
            throw new DossierRejectedException(java.util.List.of(new Violation("/schemaVersion",
                    Violation.UNSUPPORTED_VERSION, "The schemaVersion must be a live version of profile " + id + ".")));
        }
        return profile.get();
    }

    /** The state of checking one dossier. */
    private static final class Check {
        private final Profile profile;
        private final JsonRules rules;
        private final Violations violations = new Violations();
        private final Set<String> sectionsPresent = new LinkedHashSet<>();
        private int fields;
        private long attachmentBytes;

        Check(Profile profile, JsonRules rules) {
            this.profile = profile;
            this.rules = rules;
        }

        /** Walks a whitelisted node; {@code pattern} is its pointer with {@code *} for array indexes. */
        void walk(JsonNode node, String pointer, String pattern, int depth) {
            if (depth > profile.limits().maxDepth()) {
                throw new MalformedDossierException("The dossier nests deeper than " + profile.limits().maxDepth() + ".");
            }
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> members = node.fields();
                while (members.hasNext()) {
                    Map.Entry<String, JsonNode> member = members.next();
                    String token = JsonDossiers.escape(member.getKey());
                    child(member.getKey(), member.getValue(), pointer + "/" + token, pattern + "/" + token, depth);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    child(null, node.get(i), pointer + "/" + i, pattern + "/*", depth);
                }
            } else if (rules.attachments().contains(pattern)) {
                attachment(node, pointer);
            }
        }

        private void child(String name, JsonNode value, String pointer, String pattern, int depth) {
            if (++fields > profile.limits().maxElements()) {
                throw new MalformedDossierException("The dossier has more than " + profile.limits().maxElements()
                        + " fields.");
            }
            if (name != null) {
                Optional<JsonRules.ForbiddenRule> rule = rules.forbiddenRuleFor(name);
                if (rule.isPresent()) {
                    violations.add(pointer, rule.get().code(), rule.get().reason());
                    return;
                }
            }
            Optional<String> section = profile.whitelist().sectionOf(pattern);
            if (section.isEmpty()) {
                violations.add(pointer, Violation.NOT_WHITELISTED,
                        "The field is not in the whitelist of profile " + profile.id() + " " + profile.version() + ".");
                return;
            }
            sectionsPresent.add(section.get());
            walk(value, pointer, pattern, depth + 1);
        }

        private void attachment(JsonNode node, String pointer) {
            if (!node.isTextual()) {
                violations.add(pointer, Violation.INVALID_ATTACHMENT, "The attachment must be a base64 string.");
                return;
            }
            try {
                attachmentBytes += Base64.getMimeDecoder().decode(node.asText()).length;
            } catch (IllegalArgumentException e) {
                violations.add(pointer, Violation.INVALID_ATTACHMENT, "The attachment is not valid base64.");
                return;
            }
            if (attachmentBytes > profile.limits().maxAttachmentBytes()) {
                violations.add(pointer, Violation.ATTACHMENT_TOO_LARGE,
                        "The attachments together exceed " + profile.limits().maxAttachmentBytes() + " bytes.");
            }
        }

        PupilId pupilId(JsonNode root) {
            JsonNode value = root.at(rules.pupilIdPath());
            if (value.isMissingNode() || value.isNull()) {
                violations.add(rules.pupilIdPath(), Violation.PUPIL_ID_MISSING, "The pupil identifier is required.");
                return null;
            }
            Optional<PupilId> id = value.isTextual() ? PupilId.parse(rules.pupilIdKind(), value.asText()) : Optional.empty();
            if (id.isEmpty()) {
                violations.add(rules.pupilIdPath(), Violation.INVALID_PUPIL_ID,
                        "The " + rules.pupilIdKind() + " fails its check-digit test.");
            }
            return id.orElse(null);
        }

        /** The school the dossier names where {@code reference} says, if the profile has such a place. */
        Optional<String> school(JsonNode root, Optional<SchoolReference> reference) {
            if (reference.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> id = reference.get().idFrom(pointer -> {
                JsonNode value = root.at(pointer);
                return value.isTextual() ? value.asText() : null;
            });
            if (id.isEmpty() && reference.get().required()) {
                violations.add(reference.get().pointer(), Violation.REQUIRED_MISSING, "The dossier must name this school.");
            }
            return id;
        }

        /** The profile's optional warm-handover flag: absent means no; anything but a boolean is refused. */
        boolean contactRequested(JsonNode root) {
            return rules.contactRequestedPath().map(path -> {
                JsonNode flag = root.at(path);
                if (flag.isMissingNode()) {
                    return false;
                }
                if (!flag.isBoolean()) {
                    violations.add(path, Violation.INVALID_TYPE, "The member must be true or false.");
                    return false;
                }
                return flag.booleanValue();
            }).orElse(false);
        }

        void verslag(JsonNode root) {
            rules.verslag().ifPresent(rule -> {
                JsonNode flag = root.at(rule.flagPath());
                boolean stated = flag.isTextual() && !rule.absentValues().contains(flag.asText());
                if (stated && !sectionsPresent.contains(rule.section())) {
                    String path = profile.whitelist().rootsOf(rule.section()).stream().findFirst().orElse("/dossier");
                    violations.add(path, Violation.VERSLAG_MISSING, profile.section(rule.section())
                            .flatMap(Section::mandatoryReason)
                            .orElse("The dossier states a verslag, which must then be attached."));
                }
            });
        }
    }
}
