package nl.overdracht.objection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.lifecycle.TransferState;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.profile.ProfileCatalog;
import nl.overdracht.profile.Profile;
import nl.overdracht.profile.Section;
import org.junit.jupiter.api.Test;

/** What a whole objection withholds, and whether it ends the transfer, decided by the profile's mandatory sections. */
class WholeObjectionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Profile BASO = new ProfileCatalog().find("vl-baso", "2").orElseThrow();

    private static final TransferState.ObjectionWindow WINDOW = new TransferState.ObjectionWindow("99YY00",
            UUID.randomUUID(), NOW.minusSeconds(60), NOW.plusSeconds(3600));

    /** The same profile, with no section mandatory. */
    private static Profile withoutMandatorySections(Profile profile) {
        return new Profile(profile.id(), profile.version(), profile.format(), profile.sections().stream()
                .map(section -> new Section(section.name(), section.title(), false, Optional.empty())).toList(),
                profile.limits(), profile.objectionWindow(), profile.expiry(), profile.retention(), profile.whitelist(),
                profile.oso(), profile.json(), profile.parties());
    }

    @Test
    void with_mandatory_sections_a_whole_objection_leaves_the_dossier_to_be_released_after_its_window() {
        TransferState.Step<?> step = ObjectionService.wholeObjection(WINDOW, BASO, NOW);

        assertThat(step.name()).isEqualTo(TransitionName.OBJECT);
        assertThat(step.to()).isEqualTo(new TransferState.Objected("99YY00", WINDOW.windowEndsAt()));
    }

    @Test
    void without_mandatory_sections_a_whole_objection_ends_the_transfer_and_schedules_the_purge() {
        Profile none = withoutMandatorySections(BASO);

        TransferState.Step<?> step = ObjectionService.wholeObjection(WINDOW, none, NOW);

        assertThat(step.to()).isEqualTo(new TransferState.ObjectedEnded(NOW, NOW.plus(none.retention().afterObjection())));
        assertThat(step.to()).isInstanceOf(TransferState.Ended.class);
        assertThat(step.to().name()).isEqualTo("OBJECTED");
    }

    @Test
    void a_whole_objection_withholds_every_section_but_the_mandatory_ones() {
        ObjectionService.Standing whole = new ObjectionService.Standing(true, java.util.Set.of());

        assertThat(whole.withheld(BASO)).doesNotContain("pupil", "verslag")
                .containsExactlyInAnyOrder("specificNeeds", "adjustments", "externalSupport", "strengthsAndInterests",
                        "languageSupport", "pupilPart", "parentsPart", "boardingSchool", "handover");
        assertThat(whole.withheld(withoutMandatorySections(BASO))).hasSize(BASO.sections().size());
    }

    @Test
    void section_objections_withhold_exactly_their_sections() {
        ObjectionService.Standing sections = new ObjectionService.Standing(false, java.util.Set.of("parentsPart"));

        assertThat(sections.withheld(BASO)).containsExactly("parentsPart");
    }
}
