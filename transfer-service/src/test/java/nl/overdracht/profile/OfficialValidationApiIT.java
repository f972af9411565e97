package nl.overdracht.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.OsoStandard;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The running service with the official files of both OSO versions configured: over HTTP its verdict
 * on every example of the standard and on the mutations of each is the verdict of the standard's
 * own XSLT run on its own; a refusal lists each of the stylesheet's errors with its rule code, its
 * message and its path, and nothing else of the standard.
 *
 * <p>Run by failsafe in a JVM of its own (the suite's one boot has no official files), so that this
 * second boot neither restarts the embedded servers under the other tests nor slows a targeted run.
 */
@QuarkusTest
@TestProfile(OfficialFilesProfile.class)
class OfficialValidationApiIT {

    private static final Pattern OWN_CODE = Pattern.compile("[a-z]+(-[a-z]+)*");

    @BeforeEach
    void filesArePresent() {
        Assumptions.assumeTrue(OfficialFilesProfile.present(),
                "Skipped: the official OSO files (system property overdracht.shared.dir) are absent");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("nl.overdracht.profile.OfficialRulesAgreementTest#cases")
    void the_services_answer_is_the_verdict_of_the_standards_own_validation(String version, String example,
            OfficialRulesAgreementTest.Mutation mutation) throws IOException {
        // Given an example of the standard, changed as the case says, sent by the school it names
        String school = TestSchools.dutch();
        String original = Dossiers.osoExample(version, example).sentBy(school).withBsn(Pupils.bsn()).text();
        byte[] dossier = mutation.change.apply(original).getBytes(StandardCharsets.UTF_8);
        List<StandaloneValidation.Melding> errors = StandaloneValidation.run(OsoStandard.rules(version), dossier)
                .stream().filter(StandaloneValidation.Melding::error).toList();

        // When it is submitted
        Response answer = given().header("Authorization", Tokens.bearer(Tokens.school(school, Roles.SENDING_SCHOOL)))
                .contentType("application/xml").body(dossier).when().post("/api/v1/dossiers");

        // Then 201 in its own version where the standard finds no error, else 422 with exactly its errors
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(errors.isEmpty() ? 201 : 422);
        JsonPath body = answer.jsonPath();
        if (errors.isEmpty()) {
            assertThat(body.getString("profileVersion")).isEqualTo(version);
            return;
        }
        List<Map<String, String>> standards = body.<Map<String, String>>getList("errors").stream()
                .filter(e -> !OWN_CODE.matcher(e.get("code")).matches()).toList();
        assertThat(standards.stream().map(e -> e.get("detail")).collect(Collectors.toSet()))
                .isEqualTo(errors.stream().map(StandaloneValidation.Melding::text).collect(Collectors.toSet()));
        Set<String> elementPaths = errors.stream().map(StandaloneValidation.Melding::path).filter(p -> !p.equals("/"))
                .collect(Collectors.toSet());
        assertThat(standards.stream().map(e -> e.get("pointer")).collect(Collectors.toSet())).containsAll(elementPaths);
        assertThat(standards).allSatisfy(e -> assertThat(e.get("pointer")).startsWith("/dossier"));
    }
}
