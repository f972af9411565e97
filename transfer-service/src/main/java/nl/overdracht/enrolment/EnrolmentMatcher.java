package nl.overdracht.enrolment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.lifecycle.Dossier;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.lifecycle.ObjectionWindows;
import nl.overdracht.lifecycle.TransferState.AwaitingEnrolment;
import nl.overdracht.lifecycle.TransitionService;
import nl.overdracht.objection.ObjectionService;
import nl.overdracht.profile.Profile;
import nl.overdracht.profile.ProfileCatalog;
import nl.overdracht.webhook.WebhookEvents;

/**
 * Matches a dossier with the enrolment of the same pupil (same blind index, and the same sending
 * school when the enrolment names one), in whichever order they arrive; where several could match,
 * the one whose receiving school agrees with the dossier is preferred. A match opens the objection
 * window: it ends at match time + the profile's window ({@link ObjectionWindows}).
 */
@ApplicationScoped
public class EnrolmentMatcher {

    @Inject
    EnrolmentRepository enrolments;

    @Inject
    DossierRepository dossiers;

    @Inject
    TransitionService transitions;

    @Inject
    ProfileCatalog profiles;

    @Inject
    ObjectionWindows windows;

    @Inject
    ObjectionService objections;

    @Inject
    WebhookEvents webhooks;

    /** A dossier that may be matched: its ids and what the match rules compare. */
    public record Candidate(UUID dossierId, byte[] pupilIndex, String sendingSchool, String receivingSchool,
            String profileId, String profileVersion) {
    }

    /**
     * A new dossier, in {@code tx}: matched with the oldest waiting enrolment of its pupil, if any.
     * Answers whether there was one, that is whether the dossier's row may have changed since its insert
     * (matched, or left waiting beside a conflict).
     */
    public Uni<Boolean> matchNewDossier(SqlConnection tx, Candidate dossier, Instant now, AuditActor actor) {
        // Not waiting for the lock's answer: the connection runs the lookup after it, in the same round trip.
        return Uni.combine().all().unis(enrolments.lockPupil(tx, dossier.pupilIndex()),
                        enrolments.lockWaitingOfPupil(tx, dossier.pupilIndex(), dossier.sendingSchool(),
                                dossier.receivingSchool()))
                .with((locked, waiting) -> waiting)
                .flatMap(waiting -> waiting.isEmpty() ? Uni.createFrom().item(false)
                        : decide(tx, dossier, waiting.get(), now, actor).replaceWith(true));
    }

    /** A new enrolment, in {@code tx}: matched with the newest waiting dossier of its pupil, if any. */
    Uni<Void> matchNewEnrolment(SqlConnection tx, UUID enrolmentId, byte[] pupilIndex, String receivingSchool,
            String sendingSchool, Instant now, AuditActor actor) {
        return enrolments.lockPupil(tx, pupilIndex)
                .flatMap(locked -> dossiers.lockAwaitingOfPupil(tx, pupilIndex, sendingSchool, receivingSchool))
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Dossier d = found.get();
                    Candidate dossier = new Candidate(d.id(), pupilIndex, d.sendingSchool(), d.receivingSchool(),
                            d.profileId(), d.profileVersion());
                    return decide(tx, dossier, new EnrolmentRepository.Waiting(enrolmentId, receivingSchool), now, actor);
                });
    }

    private Uni<Void> decide(SqlConnection tx, Candidate dossier, EnrolmentRepository.Waiting enrolment, Instant now,
            AuditActor actor) {
        if (dossier.receivingSchool() != null && !dossier.receivingSchool().equals(enrolment.receivingSchool())) {
            return enrolments.markConflict(tx, enrolment.id(), dossier.dossierId())
                    .flatMap(marked -> webhooks.enrolmentConflict(tx, dossier.dossierId(), "AWAITING_ENROLMENT",
                            enrolment.id(), now))
                    .replaceWithVoid();
        }
        Profile profile = profiles.find(dossier.profileId(), dossier.profileVersion()).orElseThrow();
        return transitions.apply(tx, dossier.dossierId(), new AwaitingEnrolment().match(enrolment.id(),
                        enrolment.receivingSchool(), now, windows.of(profile)), now, actor)
                .flatMap(window -> enrolments.markMatched(tx, enrolment.id(), dossier.dossierId(), now)
                        .flatMap(done -> objections.afterMatch(tx, dossier.dossierId(), window, profile, now, actor)));
    }
}
