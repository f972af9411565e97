package nl.overdracht.crypto;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import nl.overdracht.platform.Bytea;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** After a rotation, the re-wrap job moves stored data keys to the current key-encryption key. */
@QuarkusTest
class KeyRewrapJobTest {

    @Inject
    Pool pool;

    @Inject
    DossierCipher cipher;

    @Inject
    KeyRewrapJob job;

    @Test
    void rows_under_a_retired_key_move_to_the_current_one_and_still_open() {
        // Given a stored dossier whose revision and pupil id keys are wrapped under the retired v0
        String school = TestSchools.dutch();
        byte[] dossier = Dossiers.oso("POVO", Pupils.bsn(), school).bytes();
        UUID id = UUID.fromString(given()
                .header("Authorization", Tokens.bearer(Tokens.school(school, Roles.SENDING_SCHOOL)))
                .contentType("application/xml").body(dossier)
                .when().post("/api/v1/dossiers").then().statusCode(201).extract().path("id"));
        KeyRing configured = KeyRing.fromConfig(ConfigProvider.getConfig());
        DossierCipher retired = new DossierCipher(KeyRing.of("v0", List.of(configured.get("v0"), configured.get("v1"))));
        Row revision = revision(id);
        pool.preparedQuery("UPDATE dossier_revision SET wrapped_key = $1, key_version = 'v0' WHERE dossier_id = $2")
                .execute(Tuple.of(Bytea.of(retired.rewrapKey(revision.getBuffer("wrapped_key").getBytes(), "v1")), id))
                .await().indefinitely();
        pool.preparedQuery("UPDATE dossier SET pupil_id_wrapped_key = $1, pupil_id_key_version = 'v0' WHERE id = $2")
                .execute(Tuple.of(Bytea.of(retired.rewrapKey(pupilKey(id), "v1")), id))
                .await().indefinitely();

        // When the job runs
        int moved = job.rewrapAll().await().indefinitely();

        // Then both rows are under the current key, the content opens unchanged, and the move is audited
        Row after = revision(id);
        assertThat(moved).isGreaterThanOrEqualTo(2);
        assertThat(after.getString("key_version")).isEqualTo(cipher.currentKeyVersion()).isEqualTo("v1");
        assertThat(after.getBuffer("ciphertext").getBytes()).isEqualTo(revision.getBuffer("ciphertext").getBytes());
        SealedData sealed = new SealedData(after.getBuffer("ciphertext").getBytes(),
                after.getBuffer("wrapped_key").getBytes(), after.getString("key_version"),
                after.getBuffer("content_sha256").getBytes());
        assertThat(cipher.open(sealed, new Aad(id, 1, "oso-gegevensset@2019.1"))).isEqualTo(dossier);
        assertThat(pool.preparedQuery("SELECT pupil_id_key_version FROM dossier WHERE id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next().getString(0)).isEqualTo("v1");
        assertThat(pool.query("SELECT count(*) FROM audit_pending WHERE action = 'KEY_REWRAPPED' "
                + "AND outcome LIKE 'rewrapped:dossier_revision:%:v0:to:v1'").execute().await().indefinitely()
                .iterator().next().getLong(0)
                + pool.query("SELECT count(*) FROM audit_entry WHERE action = 'KEY_REWRAPPED' "
                        + "AND outcome LIKE 'rewrapped:dossier_revision:%:v0:to:v1'").execute().await().indefinitely()
                        .iterator().next().getLong(0)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void every_package_that_stores_sealed_values_names_its_columns() {
        assertThat(job.sealedColumns()).containsExactly(
                new SealedColumns("dossier", "pupil_id_wrapped_key", "pupil_id_key_version"),
                new SealedColumns("dossier_revision", "wrapped_key", "key_version"),
                new SealedColumns("enrolment", "pupil_id_wrapped_key", "pupil_id_key_version"),
                new SealedColumns("inspection", "reason_wrapped_key", "reason_key_version"));
    }

    @Test
    void nothing_moves_when_every_row_is_current() {
        job.rewrapAll().await().indefinitely();

        assertThat(job.rewrapAll().await().indefinitely()).isZero();
    }

    private Row revision(UUID id) {
        return pool.preparedQuery("SELECT ciphertext, wrapped_key, key_version, content_sha256 FROM dossier_revision "
                + "WHERE dossier_id = $1").execute(Tuple.of(id)).await().indefinitely().iterator().next();
    }

    private byte[] pupilKey(UUID id) {
        return pool.preparedQuery("SELECT pupil_id_wrapped_key FROM dossier WHERE id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next().getBuffer(0).getBytes();
    }
}
