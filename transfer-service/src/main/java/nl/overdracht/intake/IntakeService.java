package nl.overdracht.intake;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.crypto.Aad;
import nl.overdracht.crypto.BlindIndex;
import nl.overdracht.crypto.DossierCipher;
import nl.overdracht.crypto.SealedData;
import nl.overdracht.enrolment.EnrolmentMatcher;
import nl.overdracht.feedback.CareerFeedbackService;
import nl.overdracht.handover.HandoverService;
import nl.overdracht.lifecycle.Dossier;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.lifecycle.IllegalTransitionException;
import nl.overdracht.lifecycle.TransferState;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.lifecycle.TransitionService;
import nl.overdracht.operations.DomainCounters;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.CpuWork;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.platform.Problems;
import nl.overdracht.profile.DossierInspector;
import nl.overdracht.profile.DossierRejectedException;
import nl.overdracht.profile.InspectedDossier;
import nl.overdracht.profile.ProfileCatalog;
import nl.overdracht.profile.PupilId;
import nl.overdracht.registry.SchoolAdmission;
import nl.overdracht.security.Caller;
import nl.overdracht.security.Roles;

/**
 * Stores accepted dossiers. The profile's inspection runs before any transaction: a rejected
 * dossier never reaches the database. An accepted one is encrypted in memory and stored with its
 * dossier row, outbox event and audit entry in one transaction.
 */
@ApplicationScoped
public class IntakeService {

    @Inject
    DossierInspector inspector;

    @Inject
    DossierCipher cipher;

    @Inject
    BlindIndex blindIndex;

    @Inject
    Pool pool;

    @Inject
    DossierRepository dossiers;

    @Inject
    CpuWork cpu;

    @Inject
    TransitionService transitions;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    EnrolmentMatcher matcher;

    @Inject
    HandoverService handovers;

    @Inject
    CareerFeedbackService careerFeedback;

    @Inject
    Clock clock;

    @Inject
    ProfileCatalog profiles;

    @Inject
    SchoolAdmission admission;

    @Inject
    AuditLog audit;

    @Inject
    DomainCounters counters;

    /** A submission as the resource received it; the school is the token's. */
    public record Submission(Caller caller, String mediaType, byte[] body, Optional<String> idempotencyKey,
            Optional<String> receivingSchool) {
    }

    /** The answer, and whether it replays an earlier one. */
    public record Outcome(DossierStatus status, boolean replayed) {
    }

    /**
     * Stores a new dossier. A refusal (an {@link ApiException}: malformed, not allowed by the
     * profile, another sender, a school not admitted, an idempotency key reused for another body) is
     * audited as {@code DOSSIER_REFUSED} with the problem's type as outcome, and nothing else is kept.
     */
    public Uni<Outcome> submit(Submission submission) {
        String school = submission.caller().requireSchool();
        Uni<Outcome> outcome = Uni.createFrom().deferred(() -> {
            if (submission.idempotencyKey().isPresent()) {
                byte[] requestHash = requestHash(submission);
                return idempotencyKeys.find(pool, school, submission.idempotencyKey().get(), requestHash)
                        .flatMap(earlier -> earlier.isPresent()
                                ? Uni.createFrom().item(new Outcome(earlier.get(), true))
                                : store(submission, school, requestHash));
            }
            return store(submission, school, null);
        });
        return auditRefusal(outcome, submission.caller(), null);
    }

    /** Appends a {@code DOSSIER_REFUSED} entry (the problem type only, never content) when {@code work} is refused. */
    private <T> Uni<T> auditRefusal(Uni<T> work, Caller caller, UUID dossierId) {
        return work.onFailure(DossierRejectedException.class).invoke(rejected ->
                        counters.rejected(((DossierRejectedException) rejected).violations()))
                .onFailure(ApiException.class).call(refused -> audit.append(new AuditRecord(
                AuditAction.DOSSIER_REFUSED, AuditActor.of(caller, Roles.SENDING_SCHOOL), dossierId,
                refusalCode((ApiException) refused), null)));
    }

    private static String refusalCode(ApiException refused) {
        String type = refused.type().type().toString();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /** A submission inspected and sealed, ready to store. */
    private record Prepared(InspectedDossier inspected, Optional<StatedSchools.Receiver> receiver,
            DossierRepository.NewDossier dossier, SealedData content) {
    }

    /** Inspects and seals, all in memory: CPU work, on the {@link CpuWork} pool. */
    private Prepared prepare(Submission submission, String school) {
        InspectedDossier inspected = inspector.inspect(submission.mediaType(), submission.body());
        Optional<StatedSchools.Receiver> receiver = StatedSchools.check(inspected, school, submission.receivingSchool());
        UUID id = UUID.randomUUID();
        // as PostgreSQL keeps it, so that the answer and a later read agree
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String profile = inspected.profile().id();
        String profileKey = profile + "@" + inspected.profile().version();
        SealedData content = cipher.seal(inspected.content(), new Aad(id, 1, profileKey));
        PupilId pupil = inspected.pupilId();
        SealedData pupilId = cipher.seal(pupil.value().getBytes(StandardCharsets.UTF_8), Aad.forField(id, "pupil-id"));
        return new Prepared(inspected, receiver, new DossierRepository.NewDossier(id, profile,
                inspected.profile().version(), inspected.transferKind().orElse(null), school,
                receiver.map(StatedSchools.Receiver::id).orElse(null),
                blindIndex.of(pupil.kind().name(), pupil.value()), pupilId, content.plaintextSha256(), now,
                now.plus(inspected.profile().expiry())), content);
    }

    /** @param requestHash the hash the idempotency key is kept with; null without a key */
    private Uni<Outcome> store(Submission submission, String school, byte[] requestHash) {
        Uni<Outcome> stored = cpu.run(() -> prepare(submission, school)).flatMap(prepared -> {
            InspectedDossier inspected = prepared.inspected();
            DossierRepository.NewDossier dossier = prepared.dossier();
            UUID id = dossier.id();
            Instant now = dossier.at();
            AuditActor actor = AuditActor.of(submission.caller(), Roles.SENDING_SCHOOL);
            // The writes do not wait for each other: the connection pipelines them in this order, and
            // any failure rolls the whole transaction back.
            TransferState.Step<TransferState.AwaitingEnrolment> accept = new TransferState.Submitted().accept();
            return pool.withTransaction(tx -> Uni.combine().all().unis(
                            admission.requireMaySend(tx, school),
                            prepared.receiver().map(to -> admission.requireKnown(tx, to.id(), to.pointer()))
                                    .orElseGet(() -> Uni.createFrom().voidItem()),
                            transitions.accept(tx, dossier, accept, actor),
                            dossiers.insertRevision(tx, id, 1, prepared.content(), inspected.content().length,
                                    inspected.sectionsPresent(), now),
                            matcher.matchNewDossier(tx, new EnrolmentMatcher.Candidate(id, dossier.pupilIndex(),
                                    school, dossier.receivingSchool(), dossier.profileId(), dossier.profileVersion()),
                                    now, actor),
                            handovers.afterIntake(tx, id, inspected.contactRequested(), now, actor),
                            careerFeedback.expect(tx, id, school, inspected.adviceLevel()))
                    .with((admitted, known, accepted, revision, matched, handover, advice) -> matched)
                    // Unmatched, the row is what was inserted: no need to read it back.
                    .flatMap(matched -> matched ? status(tx, id, school)
                            : Uni.createFrom().item(DossierStatus.of(dossier.asInserted(accept.to()))))
                    .map(status -> status.withWarnings(inspected.warnings()))
                    .flatMap(status -> remember(tx, submission, school, requestHash, status))
                    .map(status -> new Outcome(status, false)));
        });
        return submission.idempotencyKey().isEmpty() ? stored : stored.onFailure(IdempotencyKeys.Taken.class)
                .recoverWithUni(taken -> idempotencyKeys.find(pool, school, submission.idempotencyKey().get(), requestHash)
                        .map(earlier -> new Outcome(earlier.orElseThrow(), true)));
    }

    private Uni<DossierStatus> remember(SqlConnection tx, Submission submission, String school, byte[] requestHash,
            DossierStatus status) {
        return submission.idempotencyKey().isEmpty() ? Uni.createFrom().item(status)
                : idempotencyKeys.remember(tx, school, submission.idempotencyKey().get(), requestHash, status)
                        .replaceWith(status);
    }

    /** A new revision of the caller's dossier, while it is not yet released. */
    public Uni<DossierStatus> revise(Caller caller, UUID id, String mediaType, byte[] body) {
        String school = caller.requireSchool();
        return auditRefusal(Uni.createFrom().deferred(() -> storeRevision(caller, school, id, mediaType, body)), caller, id);
    }

    /** A revision inspected, with the blind index of its pupil. */
    private record InspectedRevision(InspectedDossier inspected, byte[] pupilIndex) {
    }

    private Uni<DossierStatus> storeRevision(Caller caller, String school, UUID id, String mediaType, byte[] body) {
        return cpu.run(() -> {
            InspectedDossier inspected = inspector.inspect(mediaType, body);
            StatedSchools.checkSender(inspected, school);
            PupilId pupil = inspected.pupilId();
            return new InspectedRevision(inspected, blindIndex.of(pupil.kind().name(), pupil.value()));
        }).flatMap(revised -> pool.withTransaction(tx -> dossiers.lockOwn(tx, id, school)
                .map(found -> found.orElseThrow(() -> Problems.noSuchDossier()))
                .flatMap(dossier -> storeRevision(tx, caller, dossier, revised.inspected(), revised.pupilIndex()))));
    }

    private Uni<DossierStatus> storeRevision(SqlConnection tx, Caller caller, Dossier dossier, InspectedDossier inspected,
            byte[] index) {
        if (!(dossier.state() instanceof TransferState.BeforeRelease open)) {
            throw new IllegalTransitionException(dossier.state(), TransitionName.REVISE);
        }
        checkSameDossier(dossier, inspected, index);
        UUID id = dossier.id();
        int revision = dossier.revision() + 1;
        String profileKey = inspected.profile().id() + "@" + inspected.profile().version();
        Instant now = clock.instant();
        return cpu.run(() -> cipher.seal(inspected.content(), new Aad(id, revision, profileKey)))
                .flatMap(content -> dossiers.insertRevision(tx, id, revision, content, inspected.content().length,
                                inspected.sectionsPresent(), now)
                        .flatMap(done -> dossiers.makeCurrent(tx, id, revision, inspected.profile().version(),
                                content.plaintextSha256())))
                .flatMap(done -> transitions.apply(tx, id, open.revise(), now, AuditActor.of(caller, Roles.SENDING_SCHOOL)))
                .flatMap(done -> handovers.afterRevision(tx, id, inspected.contactRequested(), now,
                        AuditActor.of(caller, Roles.SENDING_SCHOOL)))
                .flatMap(done -> careerFeedback.expect(tx, id, dossier.sendingSchool(), inspected.adviceLevel()))
                .flatMap(done -> status(tx, id, dossier.sendingSchool()))
                .map(status -> status.withWarnings(inspected.warnings()));
    }

    /** Withdraws the caller's dossier before release; it is purged after the profile's retention. */
    public Uni<DossierStatus> withdraw(Caller caller, UUID id) {
        String school = caller.requireSchool();
        Instant now = clock.instant();
        return pool.withTransaction(tx -> dossiers.lockOwn(tx, id, school)
                .map(found -> found.orElseThrow(() -> Problems.noSuchDossier()))
                .flatMap(dossier -> {
                    if (!(dossier.state() instanceof TransferState.BeforeRelease open)) {
                        throw new IllegalTransitionException(dossier.state(), TransitionName.WITHDRAW);
                    }
                    return transitions.apply(tx, id, open.withdraw(now, profiles.find(dossier.profileId(),
                                    dossier.profileVersion()).orElseThrow().retention().afterWithdrawal()), now,
                            AuditActor.of(caller, Roles.SENDING_SCHOOL));
                })
                .flatMap(done -> status(tx, id, school)));
    }

    public Uni<DossierStatus> status(Caller caller, UUID id) {
        String school = caller.requireSchool();
        return dossiers.findOwn(pool, id, school).map(found -> DossierStatus.of(found.orElseThrow(() -> Problems.noSuchDossier())));
    }

    public Uni<List<DossierStatus>> list(Caller caller, Optional<String> state, int limit) {
        return dossiers.listOwn(pool, caller.requireSchool(), state, limit)
                .map(found -> found.stream().map(DossierStatus::of).toList());
    }

    private Uni<DossierStatus> status(SqlClient client, UUID id, String school) {
        return dossiers.findOwn(client, id, school).map(found -> DossierStatus.of(found.orElseThrow()));
    }

    private static void checkSameDossier(Dossier dossier, InspectedDossier inspected, byte[] index) {
        if (!dossier.profileId().equals(inspected.profile().id())) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "A revision must use the dossier's own profile.");
        }
        if (!MessageDigest.isEqual(dossier.pupilIndex(), index)) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "A revision must be about the same pupil.");
        }
    }

    private static byte[] requestHash(Submission submission) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(submission.mediaType()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(submission.receivingSchool().orElse("").getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(submission.body());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
