package nl.overdracht.intake;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossier;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A school id that breaks the one school-id rule names no school, wherever it is given: in the
 * {@code receivingSchool} parameter, or in the dossier itself. Such a submission is a 4xx problem
 * naming the place, and nothing is stored.
 */
@QuarkusTest
class SchoolIdRuleTest {

    @Inject
    Pool pool;

    private static ValidatableResponse submit(String sending, Dossier dossier, String receivingSchool) {
        var request = Transfers.as(sending, Roles.SENDING_SCHOOL).contentType(dossier.mediaType()).body(dossier.bytes());
        if (receivingSchool != null) {
            request = request.queryParam("receivingSchool", receivingSchool);
        }
        return request.when().post("/api/v1/dossiers").then();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0OYY00", "00yy00", "00YY0", "00YY000", "1234", "1234567", " 00YY00", "00YY00 "})
    void a_receiving_school_parameter_that_is_no_school_id_is_400_and_stores_nothing(String id) {
        String sending = TestSchools.dutch();
        submit(sending, Dossiers.oso("POVO", Pupils.bsn(), sending), id)
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.BASE + "invalid-request"))
                .body("errors.pointer", hasItem("/receivingSchool"));
        assertNothingStoredFor(sending);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0OYY00", "00yy00", "12345678", "00YY00\u00a0"})
    void a_receiving_school_in_the_dossier_that_is_no_school_id_is_a_problem_naming_the_field(String id) {
        String sending = TestSchools.dutch();
        Dossier dossier = Dossiers.baso("2", Pupils.rijksregisternummer(), sending).withMember("receivingSchool", id);
        submit(sending, dossier, null)
                .statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("type", startsWith(ProblemType.BASE))
                .body("errors.pointer", hasItem("/receivingSchool"));
        assertNothingStoredFor(sending);
    }

    private void assertNothingStoredFor(String sending) {
        org.assertj.core.api.Assertions.assertThat(Transfers.dossierCount(pool, sending)).isZero();
    }

}
