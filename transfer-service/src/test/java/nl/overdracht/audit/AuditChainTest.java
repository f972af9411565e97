package nl.overdracht.audit;

import static io.restassured.RestAssured.given;
import static nl.overdracht.audit.AuditFixtures.appendAndDrain;
import static nl.overdracht.audit.AuditFixtures.entriesOf;
import static nl.overdracht.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.overdracht.auditverifier.VerifyAuditExport;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Superuser;
import nl.overdracht.testing.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The chain on the real database: entries exist iff their transaction commits, are chained in one
 * gapless order, cannot be changed through the database, and a change made behind its back (as
 * the superuser, triggers disabled) is named by its seq by the verification endpoint and by the
 * standalone verifier. Every tampering test restores the row, since the chain is shared. The
 * injected pool is the service's, the application role; the superuser's ({@link Superuser}) is used
 * here only, to tamper and to show that the triggers refuse even it.
 */
@QuarkusTest
class AuditChainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AuditLog audit;

    @Inject
    Pool pool;

    @ConfigProperty(name = "overdracht.signing.certificate")
    Path certificate;

    @Test
    void appended_entries_are_chained_with_consecutive_verifiable_hashes() {
        UUID dossier = UUID.randomUUID();

        appendAndDrain(audit, record(AuditAction.DOSSIER_SUBMITTED, dossier, "10AA00", "accepted"),
                record(AuditAction.DOSSIER_REVISED, dossier, "10AA00", "accepted"));

        List<AuditEntry> entries = entriesOf(pool, dossier);
        assertThat(entries).extracting(e -> e.record().action())
                .containsExactly(AuditAction.DOSSIER_SUBMITTED, AuditAction.DOSSIER_REVISED);
        for (AuditEntry entry : entries) {
            assertThat(entry.leaf()).isEqualTo(AuditCanonical.leaf(
                    AuditCanonical.entryBytes(entry.seq(), entry.recordedAt(), entry.record())));
        }
        verifyRange(entries.get(0).seq(), entries.get(1).seq()).body("valid", equalTo(true));
    }

    @Test
    void an_entry_appended_in_a_rolled_back_transaction_never_appears() {
        UUID dossier = UUID.randomUUID();

        assertThatThrownBy(() -> pool.withTransaction(tx -> audit.append(tx,
                        record(AuditAction.DOSSIER_WITHDRAWN, dossier, "10AA00", "accepted"))
                .flatMap(ignored -> Uni.createFrom().failure(new IllegalStateException("the effect failed"))))
                .await().atMost(WAIT)).hasMessage("the effect failed");
        audit.drain().await().atMost(WAIT);

        assertThat(entriesOf(pool, dossier)).isEmpty();
    }

    @Test
    void the_triggers_refuse_even_the_superuser_an_update_of_an_entry() {
        AuditEntry entry = oneEntry();

        assertThatThrownBy(() -> Superuser.pool()
                .preparedQuery("UPDATE audit_entry SET outcome = 'refused' WHERE seq = $1")
                .execute(Tuple.of(entry.seq())).await().atMost(WAIT)).hasMessageContaining("append-only");
    }

    @Test
    void the_triggers_refuse_even_the_superuser_a_delete_or_truncate_of_entries() {
        AuditEntry entry = oneEntry();
        Pool superuser = Superuser.pool();

        assertThatThrownBy(() -> superuser.preparedQuery("DELETE FROM audit_entry WHERE seq = $1")
                .execute(Tuple.of(entry.seq())).await().atMost(WAIT)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> superuser.query("TRUNCATE audit_entry").execute().await().atMost(WAIT))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> superuser.query("DELETE FROM audit_checkpoint").execute().await().atMost(WAIT))
                .hasMessageContaining("append-only");
    }

    @Test
    void an_entry_changed_by_the_superuser_is_named_by_verification_and_the_verifier() throws Exception {
        UUID dossier = UUID.randomUUID();
        appendAndDrain(audit, record(AuditAction.DOSSIER_SUBMITTED, dossier, "10AA00", "accepted"),
                record(AuditAction.OBJECTION_RECORDED, dossier, "10AA00", "accepted"),
                record(AuditAction.DOSSIER_RELEASED, dossier, "10AA00", "accepted"));
        List<AuditEntry> entries = entriesOf(pool, dossier);
        AuditEntry middle = entries.get(1);

        AuditFixtures.tamper("UPDATE audit_entry SET outcome = 'refused' WHERE seq = $1", Tuple.of(middle.seq()));
        try {
            verifyRange(entries.get(0).seq(), entries.get(2).seq())
                    .body("valid", equalTo(false))
                    .body("firstBadSequence", equalTo((int) middle.seq()))
                    .body("reason", equalTo(ChainCheck.LEAF));
            assertThat(verifier(entries.get(0).seq(), entries.get(2).seq()))
                    .startsWith("FAILED at sequence " + middle.seq() + ": ");
        } finally {
            AuditFixtures.restore(middle);
        }
        verifyRange(entries.get(0).seq(), entries.get(2).seq()).body("valid", equalTo(true));
    }

    @Test
    void an_entry_deleted_by_the_superuser_is_named_as_the_first_missing_seq() throws Exception {
        UUID dossier = UUID.randomUUID();
        appendAndDrain(audit, record(AuditAction.ENROLMENT_MATCHED, dossier, "10AA00", "matched"),
                record(AuditAction.DOSSIER_RELEASED, dossier, "10AA00", "released"),
                record(AuditAction.PACKAGE_CREATED, dossier, "10AA00", "created"));
        List<AuditEntry> entries = entriesOf(pool, dossier);
        AuditEntry middle = entries.get(1);

        AuditFixtures.tamper("DELETE FROM audit_entry WHERE seq = $1", Tuple.of(middle.seq()));
        try {
            verifyRange(entries.get(0).seq(), entries.get(2).seq())
                    .body("valid", equalTo(false))
                    .body("firstBadSequence", equalTo((int) middle.seq()))
                    .body("reason", equalTo(ChainCheck.MISSING));
            assertThat(verifier(entries.get(0).seq(), entries.get(2).seq()))
                    .startsWith("FAILED at sequence " + middle.seq() + ": " + ChainCheck.MISSING);
        } finally {
            AuditFixtures.restore(middle);
        }
    }

    @Test
    void an_intact_export_passes_the_standalone_verifier() throws Exception {
        UUID dossier = UUID.randomUUID();
        appendAndDrain(audit, record(AuditAction.DOSSIER_SUBMITTED, dossier, "10AA00", "accepted"));
        long seq = entriesOf(pool, dossier).get(0).seq();

        assertThat(verifier(1, seq)).startsWith("OK " + seq + " entries");
    }

    @Test
    void the_latest_checkpoint_is_signed_over_a_chained_head() {
        appendAndDrain(audit, record(AuditAction.OPERATOR_ACTION, UUID.randomUUID(), "10AA00", "done"));

        Checkpoint latest = audit.latestCheckpoint().await().atMost(WAIT);

        assertThat(latest).isNotNull();
        assertThat(latest.size()).isPositive();
    }

    private AuditEntry oneEntry() {
        UUID dossier = UUID.randomUUID();
        appendAndDrain(audit, record(AuditAction.DOSSIER_PURGED, dossier, "10AA00", "purged"));
        return entriesOf(pool, dossier).get(0);
    }

    private static io.restassured.response.ValidatableResponse verifyRange(long from, long to) {
        return given().header("Authorization", Tokens.bearer(Tokens.region("noord", Roles.AUDITOR)))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/audit/verification")
                .then().statusCode(200);
    }

    /** Fetches the export of from..to from the API (national auditors only) and runs the standalone verifier on it in-process. */
    private String verifier(long from, long to) throws Exception {
        String export = given().header("Authorization", Tokens.bearer(Tokens.national(Roles.NATIONAL_AUDITOR)))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/audit/export")
                .then().statusCode(200).contentType("application/x-ndjson")
                .extract().asString();
        Path file = Files.createTempFile("audit-export", ".jsonl");
        try {
            Files.writeString(file, export);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VerifyAuditExport.run(new String[] {"--export", file.toString(), "--certificate", certificate.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
