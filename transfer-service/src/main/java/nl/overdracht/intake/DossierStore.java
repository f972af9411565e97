package nl.overdracht.intake;

import nl.overdracht.platform.Bytea;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.overdracht.crypto.SealedData;

/** The SQL of dossiers and revisions. Every read is scoped by the school that may see the row. */
@ApplicationScoped
public class DossierStore {

    /** A new dossier row, in state {@code AWAITING_ENROLMENT}. */
    public record NewDossier(UUID id, String profileId, String profileVersion, String transferKind, String sendingSchool,
            String receivingSchool, byte[] pupilIndex, SealedData pupilId, byte[] contentSha256, Instant at,
            Instant expiresAt) {
    }

    public Uni<Void> insertDossier(SqlConnection tx, NewDossier d, String state) {
        return tx.preparedQuery("INSERT INTO dossier (id, profile_id, profile_version, transfer_kind, sending_school, "
                + "receiving_school, state, revision, pupil_index, pupil_id_ciphertext, pupil_id_wrapped_key, "
                + "pupil_id_key_version, content_sha256, created_at, updated_at, expires_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $12, $13, $13, $14)")
                .execute(Tuple.from(Arrays.asList(d.id(), d.profileId(), d.profileVersion(), d.transferKind(),
                        d.sendingSchool(), d.receivingSchool(), state,
                        Bytea.of(d.pupilIndex()), Bytea.of(d.pupilId().ciphertext()), Bytea.of(d.pupilId().wrappedKey()),
                        d.pupilId().keyVersion(), Bytea.of(d.contentSha256()), d.at().atOffset(ZoneOffset.UTC),
                        d.expiresAt().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    public Uni<Void> insertRevision(SqlConnection tx, UUID dossierId, int revision, SealedData sealed, int size,
            Set<String> sections, Instant at) {
        return tx.preparedQuery("INSERT INTO dossier_revision (dossier_id, revision, ciphertext, wrapped_key, key_version, "
                + "content_sha256, size_bytes, sections, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(dossierId, revision, Bytea.of(sealed.ciphertext()), Bytea.of(sealed.wrappedKey()),
                        sealed.keyVersion(), Bytea.of(sealed.plaintextSha256()), size,
                        sections.stream().sorted().toArray(String[]::new), at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** The sending school's dossier, locked for the rest of {@code tx}; empty when it is not that school's. */
    public Uni<Optional<Row>> lockOwn(SqlConnection tx, UUID id, String sendingSchool) {
        return tx.preparedQuery("SELECT " + DossierStatus.COLUMNS + ", pupil_index FROM dossier "
                + "WHERE id = $1 AND sending_school = $2 FOR UPDATE")
                .execute(Tuple.of(id, sendingSchool))
                .map(rows -> rows.size() == 0 ? Optional.<Row>empty() : Optional.of(rows.iterator().next()));
    }

    public Uni<Optional<DossierStatus>> findOwn(SqlClient client, UUID id, String sendingSchool) {
        return client.preparedQuery("SELECT " + DossierStatus.COLUMNS + " FROM dossier WHERE id = $1 AND sending_school = $2")
                .execute(Tuple.of(id, sendingSchool))
                .map(rows -> rows.size() == 0 ? Optional.<DossierStatus>empty()
                        : Optional.of(DossierStatus.from(rows.iterator().next())));
    }

    /** The sending school's dossiers, newest first, optionally in one state. */
    public Uni<List<DossierStatus>> listOwn(SqlClient client, String sendingSchool, Optional<String> state, int limit) {
        String sql = "SELECT " + DossierStatus.COLUMNS + " FROM dossier WHERE sending_school = $1"
                + (state.isPresent() ? " AND state = $3" : "") + " ORDER BY created_at DESC, id LIMIT $2";
        Tuple args = state.isPresent() ? Tuple.of(sendingSchool, limit, state.get()) : Tuple.of(sendingSchool, limit);
        return client.preparedQuery(sql).execute(args).map(rows -> {
            List<DossierStatus> out = new ArrayList<>();
            rows.forEach(row -> out.add(DossierStatus.from(row)));
            return out;
        });
    }

}
