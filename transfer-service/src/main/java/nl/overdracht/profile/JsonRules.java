package nl.overdracht.profile;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON-specific part of a {@code json} profile.
 *
 * @param envelope the allowed top-level members ({@code /profile}, {@code /schemaVersion}, ...)
 * @param pupilIdPath the pointer of the pupil identifier
 * @param pupilIdKind its kind
 * @param attachments pointers (with {@code *}) of base64 attachments
 * @param verslag when a stated verslag makes the verslag section required, if the profile says so
 * @param forbidden member names that never pass, anywhere in the dossier
 * @param contactRequestedPath the pointer of the optional boolean by which the dossier asks for a warm
 *     handover, if the profile has one
 */
public record JsonRules(Set<String> envelope, String pupilIdPath, PupilId.Kind pupilIdKind, Set<String> attachments,
        Optional<VerslagRule> verslag, List<ForbiddenRule> forbidden, Optional<String> contactRequestedPath) {

    /**
     * @param flagPath the pointer of the member that states the kind of verslag
     * @param absentValues the values that mean "there is none"
     * @param section the section that must then be present
     */
    public record VerslagRule(String flagPath, Set<String> absentValues, String section) {
        public VerslagRule {
            Objects.requireNonNull(flagPath, "flagPath");
            absentValues = Set.copyOf(absentValues);
            Objects.requireNonNull(section, "section");
        }
    }

    /**
     * Member names of one forbidden kind of data.
     *
     * @param kind what kind of data, e.g. {@code disciplinary}
     * @param code the violation code
     * @param names member names, matched case-insensitively
     * @param reason the one-line legal reason
     */
    public record ForbiddenRule(String kind, String code, Set<String> names, String reason) {
        public ForbiddenRule {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(code, "code");
            names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
            Objects.requireNonNull(reason, "reason");
        }

        boolean matches(String memberName) {
            return names.contains(memberName.toLowerCase(Locale.ROOT));
        }
    }

    public JsonRules {
        envelope = Set.copyOf(envelope);
        Objects.requireNonNull(pupilIdPath, "pupilIdPath");
        Objects.requireNonNull(pupilIdKind, "pupilIdKind");
        attachments = Set.copyOf(attachments);
        Objects.requireNonNull(verslag, "verslag");
        forbidden = List.copyOf(forbidden);
        Objects.requireNonNull(contactRequestedPath, "contactRequestedPath");
    }

    Optional<ForbiddenRule> forbiddenRuleFor(String memberName) {
        return forbidden.stream().filter(r -> r.matches(memberName)).findFirst();
    }
}
