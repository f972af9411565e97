package nl.overdracht.handover;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.outbox.Outbox;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.platform.Problems;
import nl.overdracht.security.Caller;
import nl.overdracht.security.Roles;

/**
 * Every step of a warm handover, each in one transaction with its audit entry and its
 * {@link HandoverChanged} event; which step may follow which is decided here ({@link #requireOpen}).
 */
@ApplicationScoped
public class HandoverService {

    /** The dossier states in which the sending school may still ask for a conversation: until it is acknowledged. */
    static final Set<String> MAY_REQUEST = Set.of("AWAITING_ENROLMENT", "OBJECTION_WINDOW", "OBJECTED", "RELEASED",
            "DELIVERABLE");

    /** How far a recorded conversation may lie ahead of our clock (the school's clock may run ahead). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @Inject
    Pool pool;

    @Inject
    HandoverRepository handovers;

    @Inject
    DossierRepository dossiers;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A request recorded, and whether it is new (the answer is then 201). */
    public record Requested(HandoverView handover, boolean created) {
    }

    /**
     * In the intake's transaction: a new dossier that asks for a warm handover gets its request.
     */
    public Uni<Void> afterIntake(SqlConnection tx, UUID dossierId, boolean contactRequested, Instant now,
            AuditActor actor) {
        return contactRequested ? requestInTx(tx, dossierId, HandoverCodes.BY_DOSSIER, now, actor).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    /**
     * In the revision's transaction: a revision that asks for a warm handover gets the request; one that no
     * longer asks withdraws the dossier's own request while nothing was done with it yet.
     */
    public Uni<Void> afterRevision(SqlConnection tx, UUID dossierId, boolean contactRequested, Instant now,
            AuditActor actor) {
        if (contactRequested) {
            return afterIntake(tx, dossierId, true, now, actor);
        }
        return handovers.cancelDossierRequest(tx, dossierId).flatMap(cancelled -> !cancelled
                ? Uni.createFrom().voidItem()
                : record(tx, AuditAction.HANDOVER_CANCELLED, actor, dossierId, HandoverCodes.BY_DOSSIER,
                        new HandoverChanged(dossierId, "CANCELLED", "NONE", HandoverCodes.BY_DOSSIER, now)));
    }

    /** The sending school asks for a conversation, whether or not the dossier did, until the dossier is acknowledged. */
    public Uni<Requested> request(Caller caller, UUID dossierId) {
        Instant now = now();
        AuditActor actor = AuditActor.of(caller, Roles.SENDING_SCHOOL);
        return pool.withTransaction(tx -> dossiers.lockOwn(tx, dossierId, caller.requireSchool())
                .map(found -> found.orElseThrow(Problems::noSuchDossier))
                .flatMap(dossier -> {
                    if (!MAY_REQUEST.contains(dossier.state().name())) {
                        throw new ApiException(ProblemType.CONFLICT, "The dossier is " + dossier.state().name()
                                + "; a warm handover can be asked for until the receiving school acknowledges it.");
                    }
                    return requestInTx(tx, dossierId, HandoverCodes.BY_SENDING_SCHOOL, now, actor);
                })
                .flatMap(created -> handovers.find(tx, dossierId)
                        .map(found -> new Requested(found.orElseThrow(), created))));
    }

    /** The sending school reads how the warm handover of its dossier stands. */
    public Uni<HandoverView> forSender(Caller caller, UUID dossierId) {
        return dossiers.findOwn(pool, dossierId, caller.requireSchool())
                .map(found -> found.orElseThrow(Problems::noSuchDossier))
                .flatMap(dossier -> handovers.find(pool, dossierId))
                .map(found -> found.orElseThrow(HandoverService::noSuchHandover));
    }

    public Uni<List<HandoverView>> listForSender(Caller caller, Optional<HandoverState> state, int limit) {
        return handovers.listForSender(pool, caller.requireSchool(), state.map(Enum::name), limit);
    }

    public Uni<List<HandoverView>> listForReceiver(Caller caller, Optional<HandoverState> state, int limit) {
        return handovers.listForReceiver(pool, caller.requireSchool(), state.map(Enum::name), limit);
    }

    public Uni<HandoverView> forReceiver(Caller caller, UUID dossierId) {
        return handovers.findForReceiver(pool, dossierId, caller.requireSchool())
                .map(found -> found.orElseThrow(HandoverService::noSuchHandover));
    }

    /** The receiving school plans the conversation (again, while it is not held): when, and which roles take part. */
    public Uni<HandoverView> schedule(Caller caller, UUID dossierId, Instant plannedAt, List<String> participants) {
        Instant now = now();
        List<String> roles = List.copyOf(new java.util.LinkedHashSet<>(participants));
        return receiverStep(caller, dossierId, "schedule", (tx, handover) -> handovers.update(tx, dossierId,
                        HandoverState.SCHEDULED, plannedAt.truncatedTo(ChronoUnit.MICROS), roles, null, null, now)
                .flatMap(done -> record(tx, AuditAction.HANDOVER_SCHEDULED, AuditActor.of(caller, Roles.RECEIVING_SCHOOL),
                        dossierId, "scheduled", new HandoverChanged(dossierId, "SCHEDULED", "SCHEDULED",
                                handover.requestedBy(), now))));
    }

    /** The receiving school records that the conversation was held, and when. */
    public Uni<HandoverView> held(Caller caller, UUID dossierId, Instant heldAt) {
        Instant now = now();
        if (heldAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The conversation lies in the future; record it once "
                    + "it was held, or schedule it.", List.of(new Problem.FieldError("/heldAt", "lies in the future",
                            "date-in-future")));
        }
        return receiverStep(caller, dossierId, "record as held", (tx, handover) -> handovers.update(tx, dossierId,
                        HandoverState.HELD, handover.scheduledFor(), handover.participants(),
                        heldAt.truncatedTo(ChronoUnit.MICROS), null, now)
                .flatMap(done -> record(tx, AuditAction.HANDOVER_HELD, AuditActor.of(caller, Roles.RECEIVING_SCHOOL),
                        dossierId, "held", new HandoverChanged(dossierId, "HELD", "HELD", handover.requestedBy(), now))));
    }

    /** The receiving school declines the conversation, with a reason code from {@link HandoverCodes#DECLINE_REASONS}. */
    public Uni<HandoverView> decline(Caller caller, UUID dossierId, String reason) {
        Instant now = now();
        return receiverStep(caller, dossierId, "decline", (tx, handover) -> handovers.update(tx, dossierId,
                        HandoverState.DECLINED, handover.scheduledFor(), handover.participants(), null, reason, now)
                .flatMap(done -> record(tx, AuditAction.HANDOVER_DECLINED, AuditActor.of(caller, Roles.RECEIVING_SCHOOL),
                        dossierId, "declined:" + reason, new HandoverChanged(dossierId, "DECLINED", "DECLINED",
                                handover.requestedBy(), now))));
    }

    /** Counts per state of the caller's handovers: as sender and, once matched, as receiver, by the roles it holds. */
    public record SchoolCounts(Map<String, Long> sending, Map<String, Long> receiving) {
    }

    public Uni<SchoolCounts> countsForSchool(Caller caller) {
        String school = caller.requireSchool();
        Uni<Map<String, Long>> sending = caller.hasRole(Roles.SENDING_SCHOOL) ? handovers.countForSender(pool, school)
                : Uni.createFrom().nullItem();
        Uni<Map<String, Long>> receiving = caller.hasRole(Roles.RECEIVING_SCHOOL)
                ? handovers.countForReceiver(pool, school) : Uni.createFrom().nullItem();
        return sending.flatMap(s -> receiving.map(r -> new SchoolCounts(s, r)));
    }

    public Uni<HandoverRepository.RegionCounts> countsForRegion(String region) {
        return handovers.countForRegion(pool, region);
    }

    /**
     * In {@code tx}: the one reminder of an overdue requested handover: marked as sent, audited, an event
     * on the outbox. The webhook is the caller's part.
     */
    Uni<Void> remind(SqlConnection tx, HandoverRepository.Due due, Instant now, AuditActor actor) {
        return handovers.markReminded(tx, due.dossierId(), now)
                .flatMap(done -> record(tx, AuditAction.HANDOVER_REMINDED, actor, due.dossierId(), "not-scheduled",
                        new HandoverChanged(due.dossierId(), "REMINDED", "REQUESTED", due.requestedBy(), now)));
    }

    /** Records a request in {@code tx}; answers whether it is new (only a new one is audited and published). */
    private Uni<Boolean> requestInTx(SqlConnection tx, UUID dossierId, String requestedBy, Instant now, AuditActor actor) {
        return handovers.request(tx, dossierId, requestedBy, now).call(created -> !created ? Uni.createFrom().voidItem()
                : record(tx, AuditAction.HANDOVER_REQUESTED, actor, dossierId, requestedBy,
                        new HandoverChanged(dossierId, "REQUESTED", "REQUESTED", requestedBy, now)));
    }

    /** One step of the receiving school on a handover it may see and that is still open; answers the handover after it. */
    private Uni<HandoverView> receiverStep(Caller caller, UUID dossierId, String what,
            java.util.function.BiFunction<SqlConnection, HandoverView, Uni<Void>> step) {
        String school = caller.requireSchool();
        return pool.withTransaction(tx -> handovers.lockForReceiver(tx, dossierId, school)
                .map(found -> requireOpen(found.orElseThrow(HandoverService::noSuchHandover), what))
                .flatMap(handover -> step.apply(tx, handover))
                .flatMap(done -> handovers.find(tx, dossierId))
                .map(Optional::orElseThrow));
    }

    /** HELD and DECLINED are final: any further step is a 409. */
    private static HandoverView requireOpen(HandoverView handover, String what) {
        if (!handover.typedState().open()) {
            throw new ApiException(ProblemType.CONFLICT, "The warm handover is " + handover.state()
                    + "; it can no longer " + what + ".");
        }
        return handover;
    }

    private Uni<Void> record(SqlConnection tx, AuditAction action, AuditActor actor, UUID dossierId, String outcome,
            HandoverChanged event) {
        return audit.append(tx, new AuditRecord(action, actor, dossierId, outcome, null))
                .flatMap(done -> outbox.write(tx, event.toOutboxEvent()));
    }

    private Instant now() {
        // as PostgreSQL keeps it, so that the answer and a later read agree
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** 404: no warm handover on a dossier the caller may see (before the match the receiving school sees none). */
    static ApiException noSuchHandover() {
        return new ApiException(ProblemType.NOT_FOUND, "No warm handover on such a dossier of this school.");
    }
}
