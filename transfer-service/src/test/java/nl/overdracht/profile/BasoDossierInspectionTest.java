package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import nl.overdracht.testing.Dossiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BasoDossierInspectionTest {

    private final DossierInspector inspector = Fixtures.inspector();

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void validSampleOfEachVersionIsAccepted(String version) {
        InspectedDossier dossier = inspector.inspect("application/json",
                Dossiers.sample("vl-baso-v" + version + "-valid.json").bytes());

        assertThat(dossier.profile().version()).isEqualTo(version);
        assertThat(dossier.pupilId().kind()).isEqualTo(PupilId.Kind.RIJKSREGISTERNUMMER);
        assertThat(dossier.receivingSchool()).contains("099999");
        assertThat(dossier.sendingSchool()).contains("012345");
        assertThat(dossier.transferKind()).isEmpty();
        assertThat(dossier.inspection()).isEmpty();
        assertThat(dossier.sectionsPresent()).containsExactlyInAnyOrder("pupil", "specificNeeds", "adjustments",
                "externalSupport", "strengthsAndInterests", "languageSupport", "pupilPart", "parentsPart",
                "boardingSchool", "verslag");
    }

    @ParameterizedTest
    @CsvSource({
        "vl-baso-invalid-disciplinary-measures.json, forbidden-field, /dossier/disciplinaryMeasures",
        "vl-baso-invalid-orientation-advice.json, forbidden-field, /dossier/orientationAdvice",
        "vl-baso-invalid-grades.json, forbidden-field, /dossier/strengthsAndInterests/grades",
        "vl-baso-invalid-clb-file.json, forbidden-field, /dossier/clbFile",
        "vl-baso-invalid-unknown-field.json, not-whitelisted, /dossier/hobbyClub",
        "vl-baso-invalid-bad-rijksregisternummer.json, invalid-pupil-id, /dossier/pupil/rijksregisternummer",
        "vl-baso-invalid-verslag-missing.json, verslag-missing, /dossier/verslag",
    })
    void invalidSampleIsRejectedWithExactlyThatViolation(String sample, String code, String path) {
        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/json", Dossiers.sample(sample).bytes()));

        assertThat(rejected).as(sample).isNotNull();
        assertThat(rejected.violations()).extracting(Violation::code, Violation::path).containsExactly(tuple(code, path));
    }

    @Test
    void forbiddenFieldCarriesItsLegalReason() {
        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/json", Dossiers.sample("vl-baso-invalid-disciplinary-measures.json").bytes()));

        assertThat(rejected.violations().get(0).reason()).contains("tuchtmaatregelen").contains("AVG");
        assertThat(rejected.getMessage() + rejected.violations()).doesNotContain("strafstudie");
    }

    @Test
    void versionTwoFieldsAreNotWhitelistedInVersionOne() {
        String body = Dossiers.sample("vl-baso-v2-valid.json").text()
                .replace("\"schemaVersion\": \"2\"", "\"schemaVersion\": \"1\"");

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/json", body.getBytes(StandardCharsets.UTF_8)));

        assertThat(rejected.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
                "/dossier/languageSupport/homeLanguages", "/dossier/languageSupport/instructionLanguage");
    }

    @Test
    void unknownProfileAndVersionAreRejected() {
        assertThat(catchThrowableOfType(DossierRejectedException.class, () -> inspector.inspect("application/json",
                "{\"profile\":\"x\",\"schemaVersion\":\"1\",\"dossier\":{}}".getBytes(StandardCharsets.UTF_8)))
                .violations()).extracting(Violation::code).containsExactly("unsupported-profile");
        assertThat(catchThrowableOfType(DossierRejectedException.class, () -> inspector.inspect("application/json",
                "{\"profile\":\"vl-baso\",\"schemaVersion\":\"9\",\"dossier\":{}}".getBytes(StandardCharsets.UTF_8)))
                .violations()).extracting(Violation::code).containsExactly("unsupported-version");
    }

    @Test
    void duplicateMembersTrailingTokensAndDeepNestingAreMalformed() {
        String duplicate = "{\"profile\":\"vl-baso\",\"profile\":\"vl-baso\"}";
        String trailing = "{\"profile\":\"vl-baso\"} {}";
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        for (String body : new String[] {duplicate, trailing, deep, "[1]", "{"}) {
            assertThatThrownBy(() -> inspector.inspect("application/json", body.getBytes(StandardCharsets.UTF_8)))
                    .as(body.length() > 20 ? body.substring(0, 20) : body)
                    .isInstanceOf(MalformedDossierException.class);
        }
    }

    @Test
    void nestingBeyondTheParserLimitInsideTheDossierIsMalformed() {
        String nested = "[".repeat(40) + "]".repeat(40);
        String body = Dossiers.sample("vl-baso-v1-valid.json").text()
                .replace("\"remedial\": [\"extra leesoefening\"]", "\"remedial\": " + nested);

        assertThatThrownBy(() -> inspector.inspect("application/json", body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedDossierException.class);
    }

    @Test
    void verslagIsNotRequiredWhenTheFicheStatesThereIsNone() {
        String body = Dossiers.sample("vl-baso-invalid-verslag-missing.json").text()
                .replace("\"verslagType\": \"gemotiveerd-verslag\"", "\"verslagType\": \"geen\"");

        InspectedDossier dossier = inspector.inspect("application/json", body.getBytes(StandardCharsets.UTF_8));

        assertThat(dossier.sectionsPresent()).doesNotContain("verslag");
    }
}
