package nl.overdracht.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.overdracht.embedded.MintToken;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refused tokens are counted per source network and reason, not written one by one: anyone can
 * send them, and the audit log keeps every entry for ever.
 */
@QuarkusTest
class RefusedTokenCountsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    AuditLog audit;

    @Inject
    RefusedTokenCounts counts;

    @BeforeEach
    void writeWhatOtherTestsLeftCounted() {
        counts.flush().await().atMost(WAIT);
    }

    @Test
    void a_thousand_bad_tokens_add_one_counted_entry() {
        // Given the size of the audit log
        long before = entries();
        String badToken = Tokens.bearer(Tokens.signedWithAnotherKey(
                MintToken.Request.forSchool("00YY00", Roles.SENDING_SCHOOL)));

        // When 1,000 requests with a bad token are refused
        for (int i = 0; i < 1000; i++) {
            given().header("Authorization", badToken).when().get("/api/v1/me").then().statusCode(401);
        }
        // Then a handful of entries at most were added, which count all 1,000
        List<AuditEntry> added = awaitCounted(before, "http-401:invalid-token:count=%", 1000);
        assertThat(entries() - before).isLessThanOrEqualTo(5);
        assertThat(added).isNotEmpty();
        assertThat(added.stream().mapToLong(RefusedTokenCountsTest::count).sum()).isEqualTo(1000);
        assertThat(added).allSatisfy(entry -> {
            assertThat(entry.record().actor().role()).isEqualTo(AccessRefusalAuditor.REFUSED_ROLE);
            assertThat(entry.record().actor().subject()).matches("[0-9.]+/24|[0-9a-f:]+/48");
            assertThat(entry.record().dossierId()).isNull();
        });
    }

    @Test
    void a_token_with_a_claim_out_of_form_is_counted_under_the_claim_never_its_value() {
        long before = entries();

        for (int i = 0; i < 3; i++) {
            given().header("Authorization", Tokens.bearer(Tokens.claims("user@00YY00", "00'YY00", null,
                            Roles.SENDING_SCHOOL)))
                    .when().get("/api/v1/me").then().statusCode(401);
        }
        List<AuditEntry> added = awaitCounted(before, "http-401:invalid-claim:school_id:count=%", 3);
        assertThat(added).allSatisfy(entry -> assertThat(entry.toString()).doesNotContain("00'YY00"));
    }

    @Test
    void two_addresses_of_one_network_make_one_entry_naming_the_network() {
        long before = entries();

        counts.count("198.51.100.9", "invalid-token");
        counts.count("198.51.100.10", "invalid-token");
        int written = counts.flush().await().atMost(WAIT);
        audit.drain().await().atMost(WAIT);

        assertThat(written).isEqualTo(1);
        List<AuditEntry> added = counted(before, "http-401:invalid-token:count=2");
        assertThat(added).singleElement().satisfies(entry -> {
            assertThat(entry.record().action()).isEqualTo(AuditAction.ACCESS_REFUSALS_COUNTED);
            assertThat(entry.record().actor().subject()).isEqualTo("198.51.100.0/24");
        });
    }

    /**
     * The counted entries after {@code after} once they count {@code expected} refusals: the refusal
     * is counted off the request's thread, so the last ones may come in after a write.
     */
    private List<AuditEntry> awaitCounted(long after, String outcome, long expected) {
        return Awaitility.await("entries counting " + expected + " refusals").atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    counts.flush().await().atMost(WAIT);
                    audit.drain().await().atMost(WAIT);
                    return counted(after, outcome);
                }, added -> added.stream().mapToLong(RefusedTokenCountsTest::count).sum() == expected);
    }

    private long entries() {
        audit.drain().await().atMost(WAIT);
        return pool.query("SELECT count(*) FROM audit_entry").execute().await().atMost(WAIT).iterator().next()
                .getLong(0);
    }

    private List<AuditEntry> counted(long after, String outcome) {
        List<AuditEntry> found = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT " + AuditRepository.ENTRY_COLUMNS + " FROM audit_entry WHERE seq > $1 "
                + "AND action = 'ACCESS_REFUSALS_COUNTED' AND outcome LIKE $2 ORDER BY seq")
                .execute(Tuple.of(after, outcome)).await().atMost(WAIT)) {
            found.add(AuditRepository.entry(row));
        }
        return found;
    }

    private static long count(AuditEntry entry) {
        String outcome = entry.record().outcome();
        return Long.parseLong(outcome.substring(outcome.lastIndexOf('=') + 1));
    }
}
