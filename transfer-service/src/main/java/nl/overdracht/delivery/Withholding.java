package nl.overdracht.delivery;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.overdracht.objection.ObjectionService.Standing;
import nl.overdracht.profile.Profile;
import nl.overdracht.profile.Section;

/**
 * What a delivery leaves out, and why, as the manifest states it.
 *
 * @param removed the sections withheld, in the profile's order (OSO: their categories are marked
 *     {@code OPT-UIT} in the delivered dossier)
 * @param reason {@link #WHOLE_OBJECTION}, {@link #SECTION_OBJECTION}, or null when nothing is removed
 * @param mandatoryDelivered under a whole objection: the mandatory sections that are still
 *     delivered, each with the legal reason it passes; empty otherwise
 */
record Withholding(List<String> removed, String reason, List<MandatorySection> mandatoryDelivered) {

    /** The parents objected to the whole dossier: only the sections the law makes mandatory pass. */
    static final String WHOLE_OBJECTION = "whole-objection";
    /** The parents objected to the sections removed. */
    static final String SECTION_OBJECTION = "section-objection";

    /** A mandatory section delivered despite a whole objection, and the law that makes it pass. */
    record MandatorySection(String section, String reason) {
        MandatorySection {
            Objects.requireNonNull(section, "section");
            Objects.requireNonNull(reason, "reason");
        }
    }

    Withholding {
        removed = List.copyOf(removed);
        mandatoryDelivered = List.copyOf(mandatoryDelivered);
    }

    /** What {@code standing} objections withhold from a dossier of {@code profile}. */
    static Withholding of(Profile profile, Standing standing) {
        Set<String> withheld = standing.withheld(profile);
        List<String> removed = profile.sections().stream().map(Section::name).filter(withheld::contains).toList();
        List<MandatorySection> mandatory = !standing.whole() ? List.of() : profile.mandatorySections().stream()
                .map(section -> new MandatorySection(section.name(), section.mandatoryReason().orElseThrow()))
                .toList();
        String reason = standing.whole() ? WHOLE_OBJECTION : removed.isEmpty() ? null : SECTION_OBJECTION;
        return new Withholding(removed, reason, mandatory);
    }
}
