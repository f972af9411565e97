package nl.overdracht.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A dossier that passed its profile's whitelist, with what intake needs to know about it.
 *
 * @param profile the profile and version it was checked against
 * @param pupilId the pupil's checked identifier
 * @param receivingSchool the receiving school as stated in the dossier (vl-baso envelope), if any
 * @param sendingSchool the sending school as stated in the dossier (OSO: BRIN plus vestigingscode), if any
 * @param transferKind the OSO {@code overstap} (POVO, POPO, VOVO); empty for JSON profiles
 * @param sectionsPresent the names of the profile's sections that hold data
 * @param inspection the OSO inspection record; empty for JSON profiles
 * @param content the dossier bytes as received
 * @param warnings what the standard's own validation warns of without refusing the dossier (paths,
 *     rule codes and the standard's messages; never a value)
 * @param contactRequested the dossier asks for a warm handover, a conversation between the two schools
 *     (OSO {@code contactnodig}; vl-baso {@code /dossier/handover/contactRequested}); who the contact
 *     person is stays inside the dossier
 * @param adviceLevel the coarse level of the school's advice ({@link AdviceLevel}), kept beside the
 *     dossier for school-career feedback only
 */
public record InspectedDossier(Profile profile, PupilId pupilId, Optional<String> receivingSchool,
        Optional<String> sendingSchool, Optional<String> transferKind, Set<String> sectionsPresent,
        Optional<InspectionRecord> inspection, byte[] content, List<Violation> warnings, boolean contactRequested,
        AdviceLevel adviceLevel) {

    public InspectedDossier(Profile profile, PupilId pupilId, Optional<String> receivingSchool,
            Optional<String> sendingSchool, Optional<String> transferKind, Set<String> sectionsPresent,
            Optional<InspectionRecord> inspection, byte[] content, boolean contactRequested) {
        this(profile, pupilId, receivingSchool, sendingSchool, transferKind, sectionsPresent, inspection, content,
                List.of(), contactRequested, AdviceLevel.NONE);
    }

    public InspectedDossier {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(pupilId, "pupilId");
        Objects.requireNonNull(receivingSchool, "receivingSchool");
        Objects.requireNonNull(sendingSchool, "sendingSchool");
        Objects.requireNonNull(transferKind, "transferKind");
        Objects.requireNonNull(inspection, "inspection");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(adviceLevel, "adviceLevel");
        sectionsPresent = Set.copyOf(sectionsPresent);
        warnings = List.copyOf(warnings);
    }

    /** The same dossier with these warnings. */
    public InspectedDossier withWarnings(List<Violation> found) {
        return new InspectedDossier(profile, pupilId, receivingSchool, sendingSchool, transferKind, sectionsPresent,
                inspection, content, found, contactRequested, adviceLevel);
    }

    /** The same dossier with this advice level. */
    public InspectedDossier withAdvice(AdviceLevel level) {
        return new InspectedDossier(profile, pupilId, receivingSchool, sendingSchool, transferKind, sectionsPresent,
                inspection, content, warnings, contactRequested, level);
    }

    /** Never shows the content or the pupil identifier. */
    @Override
    public String toString() {
        return "InspectedDossier[profile=" + profile.id() + "/" + profile.version() + ", transferKind="
                + transferKind.orElse("-") + ", sections=" + sectionsPresent + ", warnings=" + warnings.size() + ", contactRequested="
                + contactRequested + ", bytes=" + content.length + "]";
    }
}
