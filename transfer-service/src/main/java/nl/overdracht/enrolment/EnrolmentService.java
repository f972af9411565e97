package nl.overdracht.enrolment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.crypto.Aad;
import nl.overdracht.crypto.BlindIndex;
import nl.overdracht.crypto.DossierCipher;
import nl.overdracht.crypto.SealedData;
import nl.overdracht.platform.Bytea;
import nl.overdracht.profile.PupilId;
import nl.overdracht.registry.SchoolAdmission;
import nl.overdracht.security.Caller;
import nl.overdracht.security.Roles;

/** Records enrolments and matches them with waiting dossiers, in one transaction each. */
@ApplicationScoped
public class EnrolmentService {

    @Inject
    Pool pool;

    @Inject
    BlindIndex blindIndex;

    @Inject
    DossierCipher cipher;

    @Inject
    EnrolmentMatcher matcher;

    @Inject
    AuditLog audit;

    @Inject
    SchoolAdmission admission;

    @Inject
    Clock clock;

    /** What a receiving school states: the pupil, optionally the school it comes from, and the date. */
    public record Enrolment(PupilId pupil, String sendingSchool, LocalDate enrolmentDate) {
    }

    public Uni<EnrolmentView> enrol(Caller caller, Enrolment enrolment) {
        String school = caller.requireSchool();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        byte[] index = blindIndex.of(enrolment.pupil().kind().name(), enrolment.pupil().value());
        SealedData pupilId = cipher.seal(enrolment.pupil().value().getBytes(StandardCharsets.UTF_8),
                Aad.forField(id, "enrolment-pupil-id"));
        AuditActor actor = AuditActor.of(caller, Roles.RECEIVING_SCHOOL);
        return pool.withTransaction(tx -> admission.requireMayReceive(tx, school).flatMap(admitted -> tx.preparedQuery(
                        "INSERT INTO enrolment (id, receiving_school, sending_school, "
                        + "pupil_index, pupil_id_ciphertext, pupil_id_wrapped_key, pupil_id_key_version, enrolment_date, "
                        + "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(id, school, enrolment.sendingSchool(), Bytea.of(index),
                        Bytea.of(pupilId.ciphertext()), Bytea.of(pupilId.wrappedKey()),
                        pupilId.keyVersion(), enrolment.enrolmentDate(), now.atOffset(ZoneOffset.UTC)))))
                .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.ENROLMENT_RECORDED, actor, null,
                        "recorded", null)))
                .flatMap(done -> matcher.matchNewEnrolment(tx, id, index, school, enrolment.sendingSchool(), now, actor))
                .flatMap(done -> tx.preparedQuery("SELECT " + EnrolmentView.COLUMNS + " FROM enrolment WHERE id = $1")
                        .execute(Tuple.of(id)))
                .map(rows -> EnrolmentView.from(rows.iterator().next())));
    }

    public Uni<List<EnrolmentView>> list(Caller caller, boolean onlyUnmatched, int limit) {
        String school = caller.requireSchool();
        return pool.preparedQuery("SELECT " + EnrolmentView.COLUMNS + " FROM enrolment WHERE receiving_school = $1"
                        + (onlyUnmatched ? " AND matched_dossier_id IS NULL" : "") + " ORDER BY created_at DESC, id LIMIT $2")
                .execute(Tuple.of(school, limit))
                .map(rows -> {
                    List<EnrolmentView> out = new ArrayList<>();
                    rows.forEach(row -> out.add(EnrolmentView.from(row)));
                    return out;
                });
    }
}
