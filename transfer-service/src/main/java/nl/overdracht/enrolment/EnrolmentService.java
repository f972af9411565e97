package nl.overdracht.enrolment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
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
    EnrolmentRepository enrolments;

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
        return pool.withTransaction(tx -> admission.requireMayReceive(tx, school)
                .flatMap(admitted -> enrolment.sendingSchool() == null ? Uni.createFrom().voidItem()
                        : admission.requireKnown(tx, enrolment.sendingSchool(), "/sendingSchool"))
                .flatMap(known -> enrolments.insert(tx, new EnrolmentRepository.NewEnrolment(id, school,
                        enrolment.sendingSchool(), index, pupilId, enrolment.enrolmentDate(), now)))
                .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.ENROLMENT_RECORDED, actor, null,
                        "recorded", null)))
                .flatMap(done -> matcher.matchNewEnrolment(tx, id, index, school, enrolment.sendingSchool(), now, actor))
                .flatMap(done -> enrolments.find(tx, id)));
    }

    public Uni<List<EnrolmentView>> list(Caller caller, boolean onlyUnmatched, int limit) {
        String school = caller.requireSchool();
        return enrolments.listOf(pool, school, onlyUnmatched, limit);
    }
}
