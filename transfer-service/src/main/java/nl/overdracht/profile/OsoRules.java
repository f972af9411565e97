package nl.overdracht.profile;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The OSO-specific part of an {@code oso-xml} profile.
 *
 * @param namespace the dossier namespace this profile reads
 * @param standardVersions the {@code standaardversie} values accepted
 * @param allowedAttributes attribute local names allowed on any whitelisted element
 * @param transferKinds per {@code overstap} value: what the inzage block must show and which
 *     sections never pass for that kind
 * @param categoryElements per section name, its element in {@code categorie_uitlevering}
 * @param forbiddenMarks the marks that make a category forbidden ({@code VERBODEN}, {@code OPT-UIT})
 * @param knownMarks every mark the standard defines
 * @param markReasons per forbidden mark, the one-line legal reason
 * @param transferKindReason the legal reason for a section that never passes for a transfer kind
 * @param documentKinds the {@code overdrachtsoort} values accepted (the standard's code list 29)
 * @param refusedKinds {@code overdrachtsoort} or {@code overstap} values the standard knows but Overdracht
 *     does not carry, each with the reason
 * @param elements what the standard says of each element: where it goes and what its value may be
 * @param removedMarks forbidden marks whose category's data is removed at intake, with a warning,
 *     instead of refusing the dossier (a version whose own validation never checked the mark)
 */
public record OsoRules(String namespace, Set<String> standardVersions, Set<String> allowedAttributes,
        Map<String, TransferKind> transferKinds, Map<String, String> categoryElements, Set<String> forbiddenMarks,
        Set<String> knownMarks, Map<String, String> markReasons, String transferKindReason, Set<String> documentKinds,
        Map<String, String> refusedKinds, OsoElements elements, Set<String> removedMarks) {

    /** What the inzage block must show for a transfer kind. */
    public enum InzageRule {
        /** Parents inspected the dossier: {@code inzage} true with an {@code inzagedatum}. */
        RECORDED,
        /** Parents consented: {@code toestemming} is {@code Ja}. */
        CONSENT
    }

    /**
     * @param inzage what the inzage block must show
     * @param forbiddenSections sections that never pass for this kind, whatever the dossier marks
     */
    public record TransferKind(InzageRule inzage, Set<String> forbiddenSections) {
        public TransferKind {
            Objects.requireNonNull(inzage, "inzage");
            forbiddenSections = Set.copyOf(forbiddenSections);
        }
    }

    public OsoRules {
        removedMarks = Set.copyOf(removedMarks);
        Objects.requireNonNull(namespace, "namespace");
        standardVersions = Set.copyOf(standardVersions);
        allowedAttributes = Set.copyOf(allowedAttributes);
        transferKinds = Map.copyOf(transferKinds);
        categoryElements = Map.copyOf(categoryElements);
        forbiddenMarks = Set.copyOf(forbiddenMarks);
        knownMarks = Set.copyOf(knownMarks);
        markReasons = Map.copyOf(markReasons);
        Objects.requireNonNull(transferKindReason, "transferKindReason");
        documentKinds = Set.copyOf(documentKinds);
        refusedKinds = Map.copyOf(refusedKinds);
        Objects.requireNonNull(elements, "elements");
    }

    /** The section whose {@code categorie_uitlevering} element has this local name. */
    public Optional<String> sectionOfCategory(String categoryElement) {
        return categoryElements.entrySet().stream().filter(e -> e.getValue().equals(categoryElement))
                .map(Map.Entry::getKey).findFirst();
    }
}
