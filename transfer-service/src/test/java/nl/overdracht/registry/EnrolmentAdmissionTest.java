package nl.overdracht.registry;

import static nl.overdracht.testing.Transfers.as;
import static nl.overdracht.testing.Transfers.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;

/** Only a school the registry admits may enrol a pupil, and so become a receiving school. */
@QuarkusTest
class EnrolmentAdmissionTest {

    private static final String REGION = "admission";

    @Inject
    SchoolDirectory directory;

    @Inject
    Pool pool;

    @Test
    void a_suspended_school_cannot_enrol_a_pupil_and_nothing_is_stored() {
        // Given a registered school that its operator suspended
        String school = TestSchools.dutch();
        Transfers.register(REGION, school, List.of("oso-gegevensset@2019.1"));
        Transfers.operator(REGION).contentType(ContentType.JSON).body(Map.of("status", "SUSPENDED"))
                .when().patch("/api/v1/registry/schools/" + school)
                .then().statusCode(200);

        // When it records an enrolment
        as(school, Roles.RECEIVING_SCHOOL).contentType(ContentType.JSON)
                .body(Map.of("pupilIdKind", "BSN", "pupilId", Pupils.bsn(), "enrolmentDate", "2025-08-25"))
                .when().post("/api/v1/enrolments")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(ProblemType.BASE + "school-not-admitted"));

        // Then no enrolment of it exists
        assertThat(query(pool, "SELECT id FROM enrolment WHERE receiving_school = $1", school)).isEmpty();
    }

    @Test
    void with_registration_required_a_school_the_registry_does_not_know_may_not_receive() {
        // Given admission as production configures it (the tests' profile lets unknown schools take part)
        SchoolAdmission production = new SchoolAdmission();
        production.directory = directory;
        production.requireRegistered = true;

        // When a school that is not registered asks to receive, Then it is refused
        assertThatThrownBy(() -> production.requireMayReceive(pool, TestSchools.dutch()).await().indefinitely())
                .isInstanceOfSatisfying(ApiException.class,
                        refused -> assertThat(refused.type()).isEqualTo(ProblemType.SCHOOL_NOT_ADMITTED));
    }
}
