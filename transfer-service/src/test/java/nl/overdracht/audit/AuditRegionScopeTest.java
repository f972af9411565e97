package nl.overdracht.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossier;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who reads which audit entries: a regional auditor those in which a school of its region takes
 * part (as actor, or as sender or receiver of the dossier the entry is about) and the entries of
 * the region's own operators; a national auditor all of them, and only it the export of the chain.
 *
 * <p>The world, built once: region A with school A, region B with school B (each registered by
 * its region's operator), a dossier sent by A, one sent by B (each to a school in no region), and
 * one sent by A to B. The regions are fresh, so no other test's entries belong to them.
 */
@QuarkusTest
class AuditRegionScopeTest {

    private static final String ENTRIES = "/api/v1/audit/entries";
    private static final String EXPORT = "/api/v1/audit/export";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A region, the school registered in it and the dossier that school sent to a school of no region. */
    record Region(String id, String school, UUID dossier) {
    }

    /** Both regions and the dossier A sent to B. */
    record World(Region a, Region b, UUID fromAToB) {
    }

    private static World world;

    @Inject
    Pool pool;

    @BeforeEach
    void givenTwoRegionsWithTheirSchoolsAndDossiersChained() {
        synchronized (AuditRegionScopeTest.class) {
            if (world == null) {
                Region a = region("a");
                Region b = region("b");
                UUID fromAToB = submit(a.school(), b.school());
                awaitChained(a, b, fromAToB);
                world = new World(a, b, fromAToB);
            }
        }
    }

    @Test
    void a_regional_auditor_sees_its_own_regions_entries_and_none_of_another_regions() {
        World w = world;

        List<Map<String, Object>> seen = allEntries(regionalAuditor(w.a().id()));

        assertThat(dossiers(seen)).contains(w.a().dossier().toString(), w.fromAToB().toString())
                .doesNotContain(w.b().dossier().toString());
        assertThat(seen).anySatisfy(e -> assertThat(e).containsEntry("action", "SCHOOL_REGISTERED")
                .containsEntry("actorRegion", w.a().id()));
        assertThat(seen).noneSatisfy(e -> assertThat(e.get("actorRegion")).isEqualTo(w.b().id()));
        assertThat(seen).noneSatisfy(e -> assertThat(e.get("actorSchool")).isEqualTo(w.b().school()));
        assertThat(seen).allSatisfy(e -> assertThat(involves(e, w.a(), w.fromAToB())).isTrue());
    }

    @Test
    void the_other_regions_auditor_sees_its_own_entries_and_none_of_the_first_regions() {
        World w = world;

        List<Map<String, Object>> seen = allEntries(regionalAuditor(w.b().id()));

        assertThat(dossiers(seen)).contains(w.b().dossier().toString(), w.fromAToB().toString())
                .doesNotContain(w.a().dossier().toString());
        assertThat(seen).anySatisfy(e -> assertThat(e).containsEntry("action", "SCHOOL_REGISTERED")
                .containsEntry("actorRegion", w.b().id()));
        assertThat(seen).noneSatisfy(e -> assertThat(e.get("actorRegion")).isEqualTo(w.a().id()));
        assertThat(seen).allSatisfy(e -> assertThat(involves(e, w.b(), w.fromAToB())).isTrue());
    }

    @Test
    void a_dossier_sent_from_one_region_to_another_is_visible_to_both_regions_auditors_only() {
        World w = world;

        for (String region : List.of(w.a().id(), w.b().id())) {
            regionalAuditor(region).queryParam("dossier", w.fromAToB())
                    .when().get(ENTRIES)
                    .then().statusCode(200)
                    .body("entries.action", contains("DOSSIER_SUBMITTED"))
                    .body("entries[0].actorSchool", equalTo(w.a().school()));
        }
        regionalAuditor(freshRegion("c")).queryParam("dossier", w.fromAToB())
                .when().get(ENTRIES)
                .then().statusCode(200).body("entries", hasSize(0));
    }

    @Test
    void a_regional_auditors_pages_hold_only_its_entries_and_the_cursor_reaches_every_one() {
        World w = world;
        List<Map<String, Object>> all = allEntries(regionalAuditor(w.a().id()));

        List<Map<String, Object>> paged = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = regionalAuditor(w.a().id()).queryParam("limit", 1);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.when().get(ENTRIES).then().statusCode(200).extract().response();
            List<Map<String, Object>> entries = page.jsonPath().getList("entries");
            cursor = page.header(AuditResource.NEXT_CURSOR);
            assertThat(entries).as("every page is full").hasSize(1);
            paged.addAll(entries);
        } while (cursor != null);

        // entries chained in the meantime can only come after the ones read before
        assertThat(paged).hasSizeGreaterThanOrEqualTo(all.size());
        assertThat(paged.subList(0, all.size())).isEqualTo(all);
    }

    @Test
    void a_regional_auditors_csv_holds_only_its_regions_entries() {
        World w = world;

        String csv = regionalAuditor(w.a().id()).accept("text/csv")
                .when().get(ENTRIES)
                .then().statusCode(200).contentType("text/csv")
                .extract().asString();

        assertThat(csv).contains(w.a().dossier().toString()).contains(w.fromAToB().toString())
                .doesNotContain(w.b().dossier().toString()).doesNotContain(w.b().id());
    }

    @Test
    void a_national_auditor_sees_the_entries_of_both_regions() {
        World w = world;

        for (Region region : List.of(w.a(), w.b())) {
            nationalAuditor().queryParam("dossier", region.dossier())
                    .when().get(ENTRIES)
                    .then().statusCode(200)
                    .body("entries.action", contains("DOSSIER_SUBMITTED"))
                    .body("entries[0].actorSchool", equalTo(region.school()));
        }
    }

    @Test
    void a_national_auditor_token_that_names_a_region_still_sees_every_region() {
        World w = world;

        given().header("Authorization", Tokens.bearer(Tokens.region(w.a().id(), Roles.NATIONAL_AUDITOR)))
                .queryParam("dossier", w.b().dossier())
                .when().get(ENTRIES)
                .then().statusCode(200).body("entries.action", contains("DOSSIER_SUBMITTED"));
    }

    @Test
    void an_auditor_token_without_a_region_is_403_problem_naming_the_region_claim() {
        for (String accept : List.of("application/json", "text/csv")) {
            given().header("Authorization", Tokens.bearer(Tokens.national(Roles.AUDITOR))).accept(accept)
                    .when().get(ENTRIES)
                    .then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo(ProblemType.BASE + "forbidden"))
                    .body("detail", containsString("region_id"));
        }
    }

    @Test
    void a_regional_auditors_export_is_403_problem_naming_the_national_auditor() {
        regionalAuditor(world.a().id())
                .when().get(EXPORT)
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.BASE + "forbidden"))
                .body("detail", containsString(Roles.NATIONAL_AUDITOR));
    }

    @Test
    void a_refused_export_is_audited_where_the_refused_auditors_region_sees_it() {
        String region = freshRegion("r");

        regionalAuditor(region).when().get(EXPORT).then().statusCode(403);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> regionalAuditor(region)
                .queryParam("action", "ACCESS_REFUSED")
                .when().get(ENTRIES)
                .then().statusCode(200)
                .body("entries.outcome", contains(AuditAccess.NOT_NATIONAL))
                .body("entries[0].actorRegion", equalTo(region))
                .body("entries[0].actorRole", equalTo(Roles.AUDITOR)));
    }

    @Test
    void a_national_auditors_export_holds_both_regions_entries() {
        World w = world;
        long from = seqOf(w.a().dossier());
        long to = seqOf(w.fromAToB());

        String export = nationalAuditor().queryParam("from", Math.min(from, to)).queryParam("to", Math.max(from, to))
                .when().get(EXPORT)
                .then().statusCode(200).contentType(AuditExport.MEDIA_TYPE)
                .extract().asString();

        assertThat(export).contains(w.a().dossier().toString(), w.b().dossier().toString(), w.fromAToB().toString());
    }

    @Test
    void checkpoints_and_verification_stay_open_to_a_regional_auditor() {
        long seq = seqOf(world.a().dossier());

        regionalAuditor(world.a().id()).when().get("/api/v1/audit/checkpoints").then().statusCode(200);
        regionalAuditor(world.a().id()).queryParam("from", seq).queryParam("to", seq)
                .when().get("/api/v1/audit/verification")
                .then().statusCode(200).body("valid", equalTo(true));
    }

    // ---- the world

    private static String freshRegion(String label) {
        return "audit-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A fresh region with one school, registered by the region's operator, and a dossier that school sent. */
    private static Region region(String label) {
        String region = freshRegion(label);
        String school = TestSchools.flemish();
        Transfers.register(region, school, List.of("vl-baso@2"));
        return new Region(region, school, submit(school, TestSchools.flemish()));
    }

    /**
     * Submits a vl-baso dossier from {@code sender} to {@code receiver}. The dossier names neither
     * school itself: the token's school is the sender, the request names the receiver.
     */
    private static UUID submit(String sender, String receiver) {
        Dossier dossier = Dossiers.baso("2", Pupils.rijksregisternummer(), sender)
                .withoutMember("sendingSchool").withoutMember("receivingSchool");
        assertThat(dossier.text()).doesNotContain("sendingSchool").doesNotContain("receivingSchool");
        return Transfers.submit(sender, dossier, receiver);
    }

    /** Waits until the chainer (on its schedule) has chained the regions' registrations and every dossier's submission. */
    private void awaitChained(Region a, Region b, UUID fromAToB) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(Transfers.one(pool, "SELECT count(*) AS n FROM audit_entry WHERE action = 'SCHOOL_REGISTERED' "
                    + "AND actor_region IN ($1, $2)", a.id(), b.id()).getLong("n")).isEqualTo(2);
            assertThat(Transfers.one(pool, "SELECT count(*) AS n FROM audit_entry WHERE action = 'DOSSIER_SUBMITTED' "
                    + "AND dossier_id IN ($1, $2, $3)", a.dossier(), b.dossier(), fromAToB).getLong("n")).isEqualTo(3);
        });
    }

    private long seqOf(UUID dossier) {
        return Transfers.one(pool, "SELECT min(seq) AS seq FROM audit_entry WHERE dossier_id = $1", dossier)
                .getLong("seq");
    }

    // ---- reading

    private static RequestSpecification regionalAuditor(String region) {
        return given().header("Authorization", Tokens.bearer(Tokens.region(region, Roles.AUDITOR)));
    }

    private static RequestSpecification nationalAuditor() {
        return given().header("Authorization", Tokens.bearer(Tokens.national(Roles.NATIONAL_AUDITOR)));
    }

    /** Every entry the request's caller may read, following the cursor. */
    private static List<Map<String, Object>> allEntries(RequestSpecification caller) {
        List<Map<String, Object>> all = new ArrayList<>();
        Object next = null;
        do {
            RequestSpecification request = given().spec(caller).queryParam("limit", QueryParams.MAX_LIMIT);
            if (next != null) {
                request = request.queryParam("cursor", next);
            }
            Response page = request.when().get(ENTRIES).then().statusCode(200).extract().response();
            all.addAll(page.jsonPath().getList("entries"));
            next = page.jsonPath().get("next");
        } while (next != null);
        return all;
    }

    private static List<Object> dossiers(List<Map<String, Object>> entries) {
        return entries.stream().map(e -> e.get("dossierId")).filter(Objects::nonNull).toList();
    }

    /** Whether a school of {@code region} takes part in the entry, as the world knows it. */
    private static boolean involves(Map<String, Object> entry, Region region, UUID fromAToB) {
        return region.id().equals(entry.get("actorRegion")) || region.school().equals(entry.get("actorSchool"))
                || region.dossier().toString().equals(entry.get("dossierId"))
                || fromAToB.toString().equals(entry.get("dossierId"));
    }
}
