package nl.overdracht.enrolment;

import nl.overdracht.platform.Bytea;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.lifecycle.ObjectionWindows;
import nl.overdracht.lifecycle.TransferState;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.lifecycle.TransitionService;
import nl.overdracht.objection.ObjectionService;
import nl.overdracht.profile.Profile;
import nl.overdracht.profile.ProfileCatalog;

/**
 * Matches a dossier with the enrolment of the same pupil (same blind index, and the same sending
 * school when the enrolment names one), in whichever order they arrive; where several could match,
 * the one whose receiving school agrees with the dossier is preferred. A match opens the objection
 * window: {@code window_ends_at} = match time + the profile's window ({@link ObjectionWindows}).
 */
@ApplicationScoped
public class EnrolmentMatcher {

    /** The first key of the per-pupil advisory lock (two-int form: a key space apart from the relay's bigint lock). */
    static final int PUPIL_LOCK_CLASS = 0x656e726f;

    @Inject
    TransitionService transitions;

    @Inject
    ProfileCatalog profiles;

    @Inject
    ObjectionWindows windows;

    @Inject
    ObjectionService objections;

    /** A dossier that may be matched: its ids and what the match rules compare. */
    public record Candidate(UUID dossierId, byte[] pupilIndex, String sendingSchool, String receivingSchool,
            String profileId, String profileVersion) {
    }

    /** A new dossier, in {@code tx}: matched with the oldest waiting enrolment of its pupil, if any. */
    public Uni<Void> matchNewDossier(SqlConnection tx, Candidate dossier, Instant now, AuditActor actor) {
        return lockPupil(tx, dossier.pupilIndex())
                .flatMap(locked -> tx.preparedQuery("SELECT id, receiving_school FROM enrolment WHERE pupil_index = $1 "
                        + "AND matched_dossier_id IS NULL AND purged_at IS NULL "
                        + "AND (sending_school IS NULL OR sending_school = $2) "
                        + "ORDER BY receiving_school = $3 DESC NULLS LAST, created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                        .execute(Tuple.of(Bytea.of(dossier.pupilIndex()), dossier.sendingSchool(),
                                dossier.receivingSchool())))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().voidItem()
                        : decide(tx, dossier, rows.iterator().next(), now, actor));
    }

    /** A new enrolment, in {@code tx}: matched with the newest waiting dossier of its pupil, if any. */
    Uni<Void> matchNewEnrolment(SqlConnection tx, UUID enrolmentId, byte[] pupilIndex, String receivingSchool,
            String sendingSchool, Instant now, AuditActor actor) {
        return lockPupil(tx, pupilIndex)
                .flatMap(locked -> tx.preparedQuery("SELECT id, sending_school, receiving_school, profile_id, "
                        + "profile_version FROM dossier WHERE pupil_index = $1 AND state = 'AWAITING_ENROLMENT' "
                        + "AND ($2::text IS NULL OR sending_school = $2) "
                        + "ORDER BY (receiving_school IS NULL OR receiving_school = $3) DESC, created_at DESC, id "
                        + "LIMIT 1 FOR UPDATE")
                        .execute(Tuple.of(Bytea.of(pupilIndex), sendingSchool, receivingSchool)))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Row row = rows.iterator().next();
                    Candidate dossier = new Candidate(row.getUUID("id"), pupilIndex, row.getString("sending_school"),
                            row.getString("receiving_school"), row.getString("profile_id"),
                            row.getString("profile_version"));
                    return decide(tx, dossier, enrolmentRow(enrolmentId, receivingSchool), now, actor);
                });
    }

    /**
     * Serialises the matching of one pupil until {@code tx} ends. Without it a dossier and an
     * enrolment of the same pupil stored at the same moment would each look for the other before
     * the other committed, and neither would ever match. Whichever transaction comes second waits
     * here, and its query then sees the first one's committed row.
     */
    private static Uni<Void> lockPupil(SqlConnection tx, byte[] pupilIndex) {
        int key = ByteBuffer.wrap(pupilIndex).getInt();
        return tx.preparedQuery("SELECT pg_advisory_xact_lock($1, $2)").execute(Tuple.of(PUPIL_LOCK_CLASS, key))
                .replaceWithVoid();
    }

    private Uni<Void> decide(SqlConnection tx, Candidate dossier, EnrolmentRef enrolment, Instant now, AuditActor actor) {
        if (dossier.receivingSchool() != null && !dossier.receivingSchool().equals(enrolment.receivingSchool())) {
            return tx.preparedQuery("UPDATE enrolment SET conflict_dossier_id = $2 WHERE id = $1")
                    .execute(Tuple.of(enrolment.id(), dossier.dossierId()))
                    .replaceWithVoid();
        }
        Profile profile = profiles.find(dossier.profileId(), dossier.profileVersion()).orElseThrow();
        Duration window = windows.of(profile);
        return transitions.apply(tx, new TransitionService.Change(dossier.dossierId(), new TransferState.AwaitingEnrolment(),
                        TransitionName.MATCH, now, actor)
                        .with("receiving_school", enrolment.receivingSchool())
                        .with("enrolment_id", enrolment.id())
                        .with("matched_at", now)
                        .with("window_ends_at", now.plus(window)))
                .flatMap(state -> tx.preparedQuery("UPDATE enrolment SET matched_dossier_id = $2, matched_at = $3, "
                        + "conflict_dossier_id = NULL WHERE id = $1")
                        .execute(Tuple.of(enrolment.id(), dossier.dossierId(), now.atOffset(ZoneOffset.UTC))))
                .flatMap(done -> objections.afterMatch(tx, dossier.dossierId(), profile, now, actor));
    }

    private Uni<Void> decide(SqlConnection tx, Candidate dossier, Row enrolment, Instant now, AuditActor actor) {
        return decide(tx, dossier, new EnrolmentRef(enrolment.getUUID("id"), enrolment.getString("receiving_school")),
                now, actor);
    }

    private static EnrolmentRef enrolmentRow(UUID id, String receivingSchool) {
        return new EnrolmentRef(id, receivingSchool);
    }

    private record EnrolmentRef(UUID id, String receivingSchool) {
    }
}
