package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.OsoStandard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With the official files configured, the service's verdict on every example of the standard, and on
 * mutations of each, is the verdict of the standard's own validation XSLT run on its own; and a
 * refusal lists exactly the stylesheet's errors, each with its rule code, its message and its path.
 * The one difference allowed, and asserted as such: data under a VERBODEN mark, which the 2018.1
 * stylesheet does not check and Overdracht refuses in every version.
 */
class OfficialRulesAgreementTest {

    /** Overdracht's own rule codes; every other code is one of the standard's. */
    private static final Pattern OWN_CODE = Pattern.compile("[a-z]+(-[a-z]+)*");
    private static final List<String> EXAMPLES = List.of("Voorbeelddossier_OV_POPO_full.xml",
            "Voorbeelddossier_OV_POPO_opt_out.xml", "Voorbeelddossier_OV_POVO_full.xml", "Voorbeelddossier_OV_POVO_opt_out.xml");
    /** Optional categories and their element, tried in this order for one that holds data. */
    private static final List<String[]> CATEGORIES = List.of(new String[] {"cat_verzuim", "<verzuim>"},
            new String[] {"cat_toetsresultaten", "<toetslijst>"}, new String[] {"cat_zorgenbegeleiding", "<zorg>"},
            new String[] {"cat_overstapadvies", "<overstapadvies>"});

    private static DossierInspector inspector;

    enum Mutation {
        NONE(dossier -> dossier),
        OPT_UIT_WITH_DATA(dossier -> markFilledCategory(dossier, "OPT-UIT")),
        VERBODEN_WITH_DATA(dossier -> markFilledCategory(dossier, "VERBODEN")),
        WRONG_STANDAARDVERSIE(dossier -> dossier.replaceFirst("<standaardversie>[^<]*</standaardversie>",
                "<standaardversie>2017.1</standaardversie>")),
        CODE_OUTSIDE_ITS_LIST(dossier -> dossier.replaceFirst("<soortadres>[^<]*</soortadres>",
                "<soortadres>vakantieadres</soortadres>"));

        final UnaryOperator<String> change;

        Mutation(UnaryOperator<String> change) {
            this.change = change;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String version : List.of("2019.1", "2018.1")) {
            for (String example : EXAMPLES) {
                for (Mutation mutation : Mutation.values()) {
                    cases.add(Arguments.of(version, example, mutation));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void the_services_verdict_is_the_verdict_of_the_standards_own_validation(String version, String example,
            Mutation mutation) throws IOException {
        // Given an example of the standard, changed as the case says
        String original = Dossiers.osoExample(version, example).text();
        byte[] dossier = mutation.change.apply(original).getBytes(StandardCharsets.UTF_8);
        assertThat(mutation == Mutation.NONE || !new String(dossier, StandardCharsets.UTF_8).equals(original))
                .as("the mutation changes the example").isTrue();

        // When the standard's XSLT runs on its own, and the service inspects it with the official files
        List<StandaloneValidation.Melding> errors = StandaloneValidation.run(OsoStandard.rules(version), dossier)
                .stream().filter(StandaloneValidation.Melding::error).toList();
        DossierRejectedException refused = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector().inspect("application/xml", dossier));

        // Then both accept, or both refuse and the service lists exactly the stylesheet's errors
        assertThat(refused != null).as("refused by the service; the XSLT's errors: %s", errors).isEqualTo(!errors.isEmpty());
        if (refused == null) {
            return;
        }
        List<Violation> standards = refused.violations().stream().filter(v -> !OWN_CODE.matcher(v.code()).matches())
                .toList();
        assertThat(standards.stream().map(Violation::reason).collect(Collectors.toSet()))
                .isEqualTo(errors.stream().map(StandaloneValidation.Melding::text).collect(Collectors.toSet()));
        for (StandaloneValidation.Melding error : errors) {
            // a check on the whole document is placed at the category it concerns, else at /dossier
            assertThat(standards).filteredOn(v -> v.reason().equals(error.text())).anySatisfy(v -> {
                if (error.path().equals("/")) {
                    assertThat(v.path()).startsWith("/dossier");
                } else {
                    assertThat(v.path()).isEqualTo(error.path());
                }
            });
        }
        assertThat(standards).allSatisfy(v -> assertThat(v.code()).isNotBlank());
        if (mutation == Mutation.WRONG_STANDAARDVERSIE) {
            assertThat(standards).extracting(Violation::path).contains("/dossier/metadata/standaardversie");
        }
        if (mutation == Mutation.OPT_UIT_WITH_DATA || mutation == Mutation.VERBODEN_WITH_DATA) {
            assertThat(standards).anySatisfy(v -> {
                assertThat(v.code()).startsWith("OS.cat");
                assertThat(v.path()).startsWith("/dossier/metadata/categorie_uitlevering/cat_");
            });
        }
        if (mutation == Mutation.CODE_OUTSIDE_ITS_LIST) {
            assertThat(standards).extracting(Violation::code).contains("codelijst-19");
        }
        assertThat(refused.violations().toString()).doesNotContain("vakantieadres");
    }

    private static String markFilledCategory(String dossier, String mark) {
        for (String[] category : CATEGORIES) {
            if (dossier.contains(category[1])) {
                Matcher current = Pattern.compile("<" + category[0] + ">[^<]*</" + category[0] + ">").matcher(dossier);
                if (current.find()) {
                    return current.replaceFirst("<" + category[0] + ">" + mark + "</" + category[0] + ">");
                }
            }
        }
        throw new IllegalStateException("no filled optional category in the example");
    }

    private static synchronized DossierInspector inspector() {
        if (inspector == null) {
            inspector = Fixtures.withOfficialFiles();
        }
        return inspector;
    }
}
