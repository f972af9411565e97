package nl.overdracht.operations;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import nl.overdracht.platform.Problem;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;

/** The operators' stuck list: region-scoped, counted in full, listed oldest first up to a limit. */
@QuarkusTest
class StuckWorkTest {

    @Inject
    OperationsFixtures fixtures;

    @Test
    void an_operator_sees_the_region_s_withheld_dossiers_counted_in_full_and_listed_up_to_the_limit() {
        // Given two dossiers released to a school of the region that has no certificate
        String region = OperationsFixtures.freshRegion("stuck");
        String school = OperationsFixtures.schoolWithoutCertificate(region);
        Transfers.Matched first = OperationsFixtures.enrolled(school);
        Transfers.Matched second = OperationsFixtures.enrolled(school);
        fixtures.release(first, second);

        // When the region's operator asks for one item
        Transfers.operator(region).queryParam("limit", 1).when().get("/api/v1/operator/stuck")
                // Then both are counted as withheld, and one is listed, with its state and since when
                .then().statusCode(200).contentType("application/json")
                .body("region", equalTo(region))
                .body("counts.withheld", equalTo(2))
                .body("counts.not_downloaded", equalTo(0))
                .body("counts.expiring_unmatched", equalTo(0))
                .body("counts.enrolment_conflict", equalTo(0))
                .body("items", hasSize(1))
                .body("items[0].kind", equalTo("withheld"))
                .body("items[0].stage", equalTo("RELEASED"))
                .body("items[0].since", notNullValue())
                .body("items[0].ageSeconds", greaterThanOrEqualTo(0));
        Transfers.operator(region).when().get("/api/v1/operator/stuck")
                .then().statusCode(200)
                .body("items.dossierId", org.hamcrest.Matchers.containsInAnyOrder(first.id().toString(),
                        second.id().toString()));
    }

    @Test
    void an_operator_of_another_region_sees_none_of_it() {
        String region = OperationsFixtures.freshRegion("stuck");
        Transfers.Matched dossier = OperationsFixtures.enrolled(OperationsFixtures.schoolWithoutCertificate(region));
        fixtures.release(dossier);

        Transfers.operator("other-" + region).when().get("/api/v1/operator/stuck")
                .then().statusCode(200)
                .body("region", equalTo("other-" + region))
                .body("counts.withheld", equalTo(0))
                .body("items", empty());
    }

    @Test
    void a_limit_that_is_not_a_whole_number_from_1_to_1000_is_400_naming_it() {
        for (String limit : List.of("0", "1001", "-1", "many")) {
            Transfers.operator("noord").queryParam("limit", limit).when().get("/api/v1/operator/stuck")
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("errors.pointer", contains("/limit"));
        }
    }

    @Test
    void a_school_may_not_read_the_stuck_list() {
        Transfers.as(TestSchools.dutch(), Roles.RECEIVING_SCHOOL).when().get("/api/v1/operator/stuck")
                .then().statusCode(403);
    }
}
