package nl.overdracht.enrolment;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.lifecycle.DossierPurgeHook;

/**
 * The enrolment's part of a purge: the sealed pupil id (ciphertext, wrapped key, key version) and
 * the blind index are deleted and {@code purged_at} is set; the row keeps ids, schools and dates.
 * A purged enrolment waits no more and never matches (it has no index to match on). Each purge is
 * audited as {@code ENROLMENT_PURGED} with outcome {@code purged:<enrolment id>} and, for an
 * enrolment that matched, the dossier's id; never anything of the pupil.
 *
 * <p>The caller owns the transaction: the lifecycle timer purges a dossier's enrolment in the
 * dossier's own purge transaction (as its {@link DossierPurgeHook}), and unmatched enrolments in
 * batches of their own.
 */
@ApplicationScoped
public class EnrolmentPurge implements DossierPurgeHook {

    private static final AuditActor PURGE = AuditActor.system("lifecycle-timer");

    @Inject
    EnrolmentRepository enrolments;

    @Inject
    AuditLog audit;

    /**
     * Purges, in {@code tx}, the enrolment matched with {@code dossierId} (there is at most one).
     * An enrolment that merely conflicted with the dossier is not its to purge: it may still match a
     * corrected dossier, and its own retention applies.
     */
    @Override
    public Uni<Void> purge(SqlConnection tx, UUID dossierId, Instant now) {
        return enrolments.purgeOfDossier(tx, dossierId, now).flatMap(ids -> audited(tx, ids, dossierId)).replaceWithVoid();
    }

    /**
     * Purges, in {@code tx}, up to {@code limit} enrolments that matched no dossier and were recorded
     * at or before {@code recordedBefore}; answers how many. Rows another transaction holds (a match
     * under way) are skipped, so a purge never races a match.
     */
    public Uni<Integer> purgeUnmatchedBatch(SqlConnection tx, Instant recordedBefore, Instant now, int limit) {
        return enrolments.purgeUnmatched(tx, recordedBefore, now, limit).flatMap(ids -> audited(tx, ids, null));
    }

    private Uni<Integer> audited(SqlConnection tx, List<UUID> purged, UUID dossierId) {
        if (purged.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // One connection carries one query at a time: the entries are appended in turn.
        return Multi.createFrom().iterable(purged)
                .onItem().transformToUniAndConcatenate(id -> audit.append(tx,
                        new AuditRecord(AuditAction.ENROLMENT_PURGED, PURGE, dossierId, "purged:" + id, null)))
                .collect().last()
                .replaceWith(purged.size());
    }
}
