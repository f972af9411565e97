package nl.overdracht.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.feedback.CareerFeedbackService;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.audit.Checkpoint;
import nl.overdracht.lifecycle.Dossier;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.lifecycle.IllegalTransitionException;
import nl.overdracht.lifecycle.TransferState.Acknowledged;
import nl.overdracht.lifecycle.TransferState.Deliverable;
import nl.overdracht.lifecycle.TransferState.Step;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.lifecycle.TransitionService;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.platform.Problems;
import nl.overdracht.profile.ProfileCatalog;
import nl.overdracht.registry.SchoolAdmission;
import nl.overdracht.security.Caller;
import nl.overdracht.security.Roles;

/**
 * The receiving school's side: its deliveries, the download (audited) and the acknowledgement,
 * each scoped to the caller's own school (another school's delivery is 404) and refused for a
 * suspended school.
 */
@ApplicationScoped
public class DeliveryService {

    @Inject
    Pool pool;

    @Inject
    SchoolAdmission admission;

    @Inject
    TransitionService transitions;

    @Inject
    DossierRepository dossiers;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    ProfileCatalog profiles;

    @Inject
    AuditLog audit;

    @Inject
    CareerFeedbackService careerFeedback;

    @Inject
    Clock clock;

    /** Which deliveries to list. */
    public enum Filter {
        PENDING, ACKNOWLEDGED, ALL
    }

    /** A download: the package and its ETag, or only the ETag when the school already has it. */
    public record Download(byte[] body, String etag, String mediaType, boolean notModified) {
        @Override
        public String toString() {
            return "Download[etag=" + etag + ", notModified=" + notModified + "]";
        }
    }

    public Uni<List<DeliveryView>> list(Caller caller, Filter filter, int limit) {
        String school = caller.requireSchool();
        Optional<Boolean> acknowledged = switch (filter) {
            case PENDING -> Optional.of(false);
            case ACKNOWLEDGED -> Optional.of(true);
            case ALL -> Optional.empty();
        };
        return admission.requireMayReceive(pool, school)
                .flatMap(admitted -> deliveries.listOf(pool, school, acknowledged, limit));
    }

    /**
     * The package, if the caller's school may have it. A matching {@code If-None-Match} answers
     * not-modified and is not a download; a real download is recorded and audited.
     */
    public Uni<Download> download(Caller caller, UUID id, Optional<String> ifNoneMatch) {
        String school = caller.requireSchool();
        Instant now = clock.instant();
        return pool.withTransaction(tx -> admission.requireMayReceive(tx, school)
                .flatMap(admitted -> deliveries.lockForDownload(tx, id, school))
                .flatMap(found -> {
                    DeliveryRepository.Stored stored = found.orElseThrow(() -> Problems.noSuchDelivery());
                    if (stored.cms() == null) {
                        throw new ApiException(ProblemType.CONFLICT, "Delivery " + id + " waits for a valid certificate "
                                + "of the school; once one is registered the package is encrypted to it.");
                    }
                    String etag = "\"" + HexFormat.of().formatHex(stored.packageSha256()) + "\"";
                    if (ifNoneMatch.map(header -> matches(header, etag)).orElse(false)) {
                        return Uni.createFrom().item(new Download(null, etag, stored.mediaType(), true));
                    }
                    return deliveries.markDownloaded(tx, id, now)
                            .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.DELIVERY_DOWNLOADED,
                                    AuditActor.of(caller, Roles.RECEIVING_SCHOOL), id, "downloaded", stored.packageSha256())))
                            .replaceWith(new Download(stored.cms(), etag, stored.mediaType(), false));
                }));
    }

    /**
     * Records that the school decrypted content with SHA-256 {@code contentSha256}: the dossier
     * becomes ACKNOWLEDGED and is purged after the profile's retention. A different hash is 422
     * (and audited); a repeat answers the first answer again.
     */
    public Uni<Acknowledgement> acknowledge(Caller caller, UUID id, byte[] contentSha256) {
        String school = caller.requireSchool();
        AuditActor actor = AuditActor.of(caller, Roles.RECEIVING_SCHOOL);
        return audit.latestCheckpoint().flatMap(checkpoint -> pool.withTransaction(tx -> admission.requireMayReceive(tx,
                                school)
                        // The dossier first, then its package: the order the packager locks them in.
                        .flatMap(admitted -> dossiers.lock(tx, id))
                        .flatMap(dossier -> deliveries.lockForAcknowledgement(tx, id, school)
                                .flatMap(delivery -> acknowledgeLocked(tx, id, dossier.orElse(null),
                                        delivery.orElseThrow(() -> Problems.noSuchDelivery()), contentSha256, checkpoint, actor)))))
                .onFailure(HashMismatch.class).call(mismatch -> audit.append(new AuditRecord(
                        AuditAction.DELIVERY_ACKNOWLEDGED, actor, id, "refused:content-hash-mismatch", null)));
    }

    private Uni<Acknowledgement> acknowledgeLocked(SqlConnection tx, UUID id, Dossier dossier,
            DeliveryRepository.ForAcknowledgement delivery, byte[] contentSha256, Checkpoint checkpoint, AuditActor actor) {
        if (!MessageDigest.isEqual(delivery.contentSha256(), contentSha256)) {
            throw new HashMismatch();
        }
        if (delivery.acknowledgement() != null) {
            return Uni.createFrom().item(Acknowledgement.fromJson(delivery.acknowledgement()));
        }
        if (!(dossier.state() instanceof Deliverable deliverable)) {
            throw new IllegalTransitionException(dossier.state(), TransitionName.ACKNOWLEDGE);
        }
        Instant now = clock.instant();
        Step<Acknowledged> step = deliverable.acknowledge(now,
                profiles.find(dossier.profileId(), dossier.profileVersion()).orElseThrow().retention().afterDelivery());
        Acknowledgement answer = new Acknowledgement(id, step.to().name(), HexFormat.of().formatHex(contentSha256),
                now.toString(), step.to().purgeAfter().toString(), Acknowledgement.CheckpointView.of(checkpoint));
        return transitions.apply(tx, id, step, now, actor)
                .flatMap(done -> deliveries.acknowledge(tx, id, now, answer.toJson()))
                .flatMap(done -> careerFeedback.delivered(tx, id, actor.school(), now))
                .replaceWith(answer);
    }

    /** Weak comparison (RFC 9110 §13.1.2): {@code *}, or any listed tag equal to ours, {@code W/} ignored. */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals("*") || candidate.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The school decrypted something else: 422, nothing changes. */
    static final class HashMismatch extends ApiException {
        HashMismatch() {
            super(ProblemType.UNPROCESSABLE, "The SHA-256 does not match the delivered content; decrypt and verify "
                    + "the package again, and hash the content itself (the manifest's contentSha256).",
                    List.of(new Problem.FieldError("/contentSha256", "does not match the delivered content",
                            "content-hash-mismatch")));
        }
    }
}
