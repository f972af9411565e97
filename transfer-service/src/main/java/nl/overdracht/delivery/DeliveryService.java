package nl.overdracht.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.lifecycle.TransferState;
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
    ProfileCatalog profiles;

    @Inject
    AuditLog audit;

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
        String condition = switch (filter) {
            case PENDING -> " AND p.acknowledged_at IS NULL";
            case ACKNOWLEDGED -> " AND p.acknowledged_at IS NOT NULL";
            case ALL -> "";
        };
        return admission.requireMayReceive(pool, school)
                .flatMap(admitted -> pool.preparedQuery("SELECT " + DeliveryView.COLUMNS + " FROM delivery_package p "
                                + "JOIN dossier d ON d.id = p.dossier_id WHERE p.receiving_school = $1" + condition
                                + " ORDER BY p.created_at, p.dossier_id LIMIT $2")
                        .execute(Tuple.of(school, limit)))
                .map(rows -> {
                    List<DeliveryView> out = new ArrayList<>();
                    rows.forEach(row -> out.add(DeliveryView.from(row)));
                    return out;
                });
    }

    /**
     * The package, if the caller's school may have it. A matching {@code If-None-Match} answers
     * not-modified and is not a download; a real download is recorded and audited.
     */
    public Uni<Download> download(Caller caller, UUID id, Optional<String> ifNoneMatch) {
        String school = caller.requireSchool();
        Instant now = clock.instant();
        return pool.withTransaction(tx -> admission.requireMayReceive(tx, school)
                .flatMap(admitted -> tx.preparedQuery("SELECT package, package_sha256, media_type FROM delivery_package "
                        + "WHERE dossier_id = $1 AND receiving_school = $2 FOR UPDATE").execute(Tuple.of(id, school)))
                .flatMap(rows -> {
                    Row row = only(rows.iterator());
                    if (row.getBuffer("package") == null) {
                        throw new ApiException(ProblemType.CONFLICT, "Delivery " + id + " waits for a valid certificate "
                                + "of the school; once one is registered the package is encrypted to it.");
                    }
                    byte[] packageSha256 = row.getBuffer("package_sha256").getBytes();
                    String etag = "\"" + HexFormat.of().formatHex(packageSha256) + "\"";
                    if (ifNoneMatch.map(header -> matches(header, etag)).orElse(false)) {
                        return Uni.createFrom().item(new Download(null, etag, row.getString("media_type"), true));
                    }
                    return tx.preparedQuery("UPDATE delivery_package SET downloaded_at = COALESCE(downloaded_at, $2) "
                                    + "WHERE dossier_id = $1").execute(Tuple.of(id, now.atOffset(ZoneOffset.UTC)))
                            .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.DELIVERY_DOWNLOADED,
                                    AuditActor.of(caller, Roles.RECEIVING_SCHOOL), id, "downloaded", packageSha256)))
                            .replaceWith(new Download(row.getBuffer("package").getBytes(), etag, row.getString("media_type"),
                                    false));
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
                        .flatMap(admitted -> tx.preparedQuery("SELECT p.content_sha256, p.acknowledgement, d.state, "
                                        + "d.profile_id, d.profile_version FROM delivery_package p "
                                        + "JOIN dossier d ON d.id = p.dossier_id "
                                        + "WHERE p.dossier_id = $1 AND p.receiving_school = $2 FOR UPDATE OF p, d")
                                .execute(Tuple.of(id, school)))
                        .flatMap(rows -> {
                            Row row = only(rows.iterator());
                            if (!MessageDigest.isEqual(row.getBuffer("content_sha256").getBytes(), contentSha256)) {
                                throw new HashMismatch();
                            }
                            Object stored = row.getValue("acknowledgement");
                            if (stored != null) {
                                return Uni.createFrom().item(Acknowledgement.fromJson((JsonObject) stored));
                            }
                            TransferState from = TransferState.of(row.getString("state"));
                            TransferState to = TransitionName.ACKNOWLEDGE.apply(from);
                            Instant now = clock.instant();
                            Instant purgeAfter = now.plus(profiles.find(row.getString("profile_id"),
                                    row.getString("profile_version")).orElseThrow().retention().afterDelivery());
                            Acknowledgement answer = new Acknowledgement(id, to.name(),
                                    HexFormat.of().formatHex(contentSha256), now.toString(), purgeAfter.toString(),
                                    Acknowledgement.CheckpointView.of(checkpoint));
                            return transitions.apply(tx, new TransitionService.Change(id, from,
                                            TransitionName.ACKNOWLEDGE, now, actor)
                                            .with("ended_at", now)
                                            .with("purge_after", purgeAfter))
                                    .flatMap(done -> tx.preparedQuery("UPDATE delivery_package SET acknowledged_at = $2, "
                                                    + "acknowledgement = $3 WHERE dossier_id = $1")
                                            .execute(Tuple.of(id, now.atOffset(ZoneOffset.UTC), answer.toJson())))
                                    .replaceWith(answer);
                        })))
                .onFailure(HashMismatch.class).call(mismatch -> audit.append(new AuditRecord(
                        AuditAction.DELIVERY_ACKNOWLEDGED, actor, id, "refused:content-hash-mismatch", null)));
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

    private static Row only(java.util.Iterator<Row> rows) {
        if (!rows.hasNext()) {
            throw Problems.noSuchDelivery();
        }
        return rows.next();
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
