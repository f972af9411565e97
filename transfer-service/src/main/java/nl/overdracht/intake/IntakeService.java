package nl.overdracht.intake;

import nl.overdracht.platform.Bytea;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
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
import nl.overdracht.lifecycle.TransferState;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.lifecycle.TransitionService;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.platform.Problems;
import nl.overdracht.profile.DossierInspector;
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
    DossierStore store;

    @Inject
    TransitionService transitions;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    EnrolmentMatcher matcher;

    @Inject
    Clock clock;

    @Inject
    ProfileCatalog profiles;

    @Inject
    SchoolAdmission admission;

    @Inject
    AuditLog audit;

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
        return work.onFailure(ApiException.class).call(refused -> audit.append(new AuditRecord(
                AuditAction.DOSSIER_REFUSED, AuditActor.of(caller, Roles.SENDING_SCHOOL), dossierId,
                refusalCode((ApiException) refused), null)));
    }

    private static String refusalCode(ApiException refused) {
        String type = refused.type().type().toString();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /** @param requestHash the hash the idempotency key is kept with; null without a key */
    private Uni<Outcome> store(Submission submission, String school, byte[] requestHash) {
        InspectedDossier inspected = inspector.inspect(submission.mediaType(), submission.body());
        Optional<String> receiving = StatedSchools.check(inspected, school, submission.receivingSchool());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String profile = inspected.profile().id();
        String profileKey = profile + "@" + inspected.profile().version();
        SealedData content = cipher.seal(inspected.content(), new Aad(id, 1, profileKey));
        PupilId pupil = inspected.pupilId();
        SealedData pupilId = cipher.seal(pupil.value().getBytes(StandardCharsets.UTF_8), Aad.forField(id, "pupil-id"));
        DossierStore.NewDossier dossier = new DossierStore.NewDossier(id, profile, inspected.profile().version(),
                inspected.transferKind().orElse(null), school, receiving.orElse(null),
                blindIndex.of(pupil.kind().name(), pupil.value()), pupilId, content.plaintextSha256(), now,
                now.plus(inspected.profile().expiry()));
        AuditActor actor = AuditActor.of(submission.caller(), Roles.SENDING_SCHOOL);
        TransferState accepted = TransitionName.ACCEPT.apply(new TransferState.Submitted());
        // The writes do not wait for each other: the connection pipelines them in this order, and
        // any failure rolls the whole transaction back.
        Uni<Outcome> stored = pool.withTransaction(tx -> Uni.combine().all().unis(
                        admission.requireMaySend(tx, school),
                        store.insertDossier(tx, dossier, accepted.name()),
                        store.insertRevision(tx, id, 1, content, inspected.content().length,
                                inspected.sectionsPresent(), now),
                        transitions.record(tx, new TransitionService.Change(id, new TransferState.Submitted(),
                                TransitionName.ACCEPT, now, actor), accepted, 1, content.plaintextSha256()),
                        matcher.matchNewDossier(tx, new EnrolmentMatcher.Candidate(id, dossier.pupilIndex(),
                                school, dossier.receivingSchool(), profile, dossier.profileVersion()), now, actor))
                .discardItems()
                .flatMap(done -> store.findOwn(tx, id, school))
                .map(found -> found.orElseThrow().withWarnings(inspected.warnings()))
                .flatMap(status -> remember(tx, submission, school, requestHash, status))
                .map(status -> new Outcome(status, false)));
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

    private Uni<DossierStatus> storeRevision(Caller caller, String school, UUID id, String mediaType, byte[] body) {
        InspectedDossier inspected = inspector.inspect(mediaType, body);
        StatedSchools.checkSender(inspected, school);
        PupilId pupil = inspected.pupilId();
        byte[] index = blindIndex.of(pupil.kind().name(), pupil.value());
        Instant now = clock.instant();
        return pool.withTransaction(tx -> store.lockOwn(tx, id, school)
                .map(found -> found.orElseThrow(Problems::noSuchDossier))
                .flatMap(row -> {
                    TransferState state = TransferState.of(row.getString("state"));
                    TransitionName.REVISE.apply(state);
                    checkSameDossier(row, inspected, index);
                    int revision = row.getInteger("revision") + 1;
                    String profileKey = inspected.profile().id() + "@" + inspected.profile().version();
                    SealedData content = cipher.seal(inspected.content(), new Aad(id, revision, profileKey));
                    return store.insertRevision(tx, id, revision, content, inspected.content().length,
                                    inspected.sectionsPresent(), now)
                            .flatMap(done -> transitions.apply(tx, new TransitionService.Change(id, state, TransitionName.REVISE,
                                    now, AuditActor.of(caller, Roles.SENDING_SCHOOL))
                                    .with("revision", revision)
                                    .with("profile_version", inspected.profile().version())
                                    .with("content_sha256", Bytea.of(content.plaintextSha256()))))
                            .flatMap(done -> store.findOwn(tx, id, school))
                            .map(found -> found.orElseThrow().withWarnings(inspected.warnings()));
                }));
    }

    /** Withdraws the caller's dossier before release; it is purged after the profile's retention. */
    public Uni<DossierStatus> withdraw(Caller caller, UUID id) {
        String school = caller.requireSchool();
        Instant now = clock.instant();
        return pool.withTransaction(tx -> store.lockOwn(tx, id, school)
                .map(found -> found.orElseThrow(Problems::noSuchDossier))
                .flatMap(row -> transitions.apply(tx, new TransitionService.Change(id, TransferState.of(row.getString("state")),
                                TransitionName.WITHDRAW, now, AuditActor.of(caller, Roles.SENDING_SCHOOL))
                                .with("ended_at", now)
                                .with("purge_after", now.plus(profiles.find(row.getString("profile_id"),
                                        row.getString("profile_version")).orElseThrow().retention().afterWithdrawal())))
                        .flatMap(done -> store.findOwn(tx, id, school))
                        .map(Optional::orElseThrow)));
    }

    public Uni<DossierStatus> status(Caller caller, UUID id) {
        return store.findOwn(pool, id, caller.requireSchool()).map(found -> found.orElseThrow(Problems::noSuchDossier));
    }

    public Uni<List<DossierStatus>> list(Caller caller, Optional<String> state, int limit) {
        state.ifPresent(TransferState::of);
        return store.listOwn(pool, caller.requireSchool(), state, limit);
    }

    private static void checkSameDossier(Row row, InspectedDossier inspected, byte[] index) {
        if (!row.getString("profile_id").equals(inspected.profile().id())) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "A revision must use the dossier's own profile.");
        }
        if (!MessageDigest.isEqual(row.getBuffer("pupil_index").getBytes(), index)) {
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
