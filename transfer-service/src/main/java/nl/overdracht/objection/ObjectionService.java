package nl.overdracht.objection;

import nl.overdracht.platform.Bytea;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.crypto.Aad;
import nl.overdracht.crypto.DossierCipher;
import nl.overdracht.crypto.SealedData;
import nl.overdracht.lifecycle.Dossier;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.lifecycle.IllegalTransitionException;
import nl.overdracht.lifecycle.TransferState;
import nl.overdracht.lifecycle.TransferState.ObjectionWindow;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.lifecycle.TransitionService;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.platform.Problems;
import nl.overdracht.profile.DossierInspector;
import nl.overdracht.profile.Profile;
import nl.overdracht.profile.ProfileCatalog;
import nl.overdracht.security.Caller;
import nl.overdracht.security.Roles;

/** Inspections and objections, each in one transaction with its audit entry (and state change, for a whole objection). */
@ApplicationScoped
public class ObjectionService {

    @Inject
    Pool pool;

    @Inject
    DossierRepository dossiers;

    @Inject
    ObjectionRepository objections;

    @Inject
    ProfileCatalog profiles;

    @Inject
    TransitionService transitions;

    @Inject
    DossierCipher cipher;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** An objection: to the whole dossier, or to the named sections. */
    public record Objection(boolean whole, List<String> sections, String objectedBy, LocalDate objectedOn) {
    }

    /** The parents' inspection: when, whether they agreed, and their reason if not. */
    public record Inspection(LocalDate inspectedOn, boolean agreed, String reason) {
        @Override
        public String toString() {
            return "Inspection[inspectedOn=" + inspectedOn + ", agreed=" + agreed + ", reason=***]";
        }
    }

    public Uni<ObjectionView> object(Caller caller, UUID dossierId, Objection objection) {
        Instant now = clock.instant();
        notInFuture(objection.objectedOn(), "/objectedOn");
        AuditActor actor = AuditActor.of(caller, Roles.SENDING_SCHOOL);
        return pool.withTransaction(tx -> lockOpen(tx, caller, dossierId, now).flatMap(dossier -> {
            Profile profile = profileOf(dossier);
            UUID id = UUID.randomUUID();
            if (objection.whole()) {
                // Before the match the objection is recorded and takes effect when the window opens.
                return objections.insertObjection(tx, id, dossierId, true, List.of(), objection.objectedBy(),
                                objection.objectedOn(), now)
                        .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.OBJECTION_RECORDED, actor, dossierId,
                                "whole", null)))
                        .flatMap(done -> dossier.state() instanceof ObjectionWindow window
                                ? applyWhole(tx, dossierId, window, profile, now, actor)
                                : Uni.createFrom().voidItem())
                        .flatMap(done -> objections.find(tx, id));
            }
            List<String> sections = checkSections(profile, objection.sections());
            List<Problem.FieldError> mandatory = mandatorySections(profile, sections);
            if (!mandatory.isEmpty()) {
                return Uni.createFrom().failure(new MandatorySectionException(mandatory));
            }
            return objections.insertObjection(tx, id, dossierId, false, sections, objection.objectedBy(),
                            objection.objectedOn(), now)
                    .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.OBJECTION_RECORDED, actor, dossierId,
                            "sections", null)))
                    .flatMap(done -> objections.find(tx, id));
        })).onFailure(MandatorySectionException.class).call(refused -> audit.append(new AuditRecord(
                AuditAction.OBJECTION_REFUSED, actor, dossierId, "mandatory-section", null)));
    }

    public Uni<ObjectionView> withdraw(Caller caller, UUID dossierId, UUID objectionId) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> lockOpen(tx, caller, dossierId, now)
                .flatMap(dossier -> objections.withdrawSectionObjection(tx, objectionId, dossierId, now))
                .flatMap(withdrawn -> {
                    if (!withdrawn) {
                        return Uni.createFrom().failure(Problems.noSuchOpenObjection());
                    }
                    return audit.append(tx, new AuditRecord(AuditAction.OBJECTION_WITHDRAWN,
                            AuditActor.of(caller, Roles.SENDING_SCHOOL), dossierId, "withdrawn", null));
                })
                .flatMap(done -> objections.find(tx, objectionId)));
    }

    public Uni<List<ObjectionView>> list(Caller caller, UUID dossierId) {
        return dossiers.findOwn(pool, dossierId, caller.requireSchool())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().failure(Problems.noSuchDossier());
                    }
                    return objections.listOf(pool, dossierId);
                });
    }

    public Uni<Void> inspect(Caller caller, UUID dossierId, Inspection inspection) {
        Instant now = clock.instant();
        notInFuture(inspection.inspectedOn(), "/inspectedOn");
        return pool.withTransaction(tx -> lockOpen(tx, caller, dossierId, now).flatMap(dossier -> {
            if (profileOf(dossier).format().equals("oso-xml")) {
                return Uni.createFrom().failure(new ApiException(ProblemType.UNPROCESSABLE,
                        "For an OSO dossier the inzage block inside the dossier is the record of inspection; "
                                + "submit a revision to change it."));
            }
            UUID id = UUID.randomUUID();
            SealedData reason = inspection.reason() == null || inspection.reason().isBlank() ? null
                    : cipher.seal(inspection.reason().getBytes(StandardCharsets.UTF_8), Aad.forField(id, "inspection-reason"));
            return objections.insertInspection(tx, id, dossierId, inspection.inspectedOn(), inspection.agreed(), reason,
                            now)
                    .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.INSPECTION_RECORDED,
                            AuditActor.of(caller, Roles.SENDING_SCHOOL), dossierId,
                            inspection.agreed() ? "agreed" : "disagreed", null)));
        }));
    }

    /**
     * What the parents' standing objections withhold from delivery.
     *
     * @param whole a whole objection stands: every section that is not mandatory is withheld
     * @param sections the sections under a standing section objection
     */
    public record Standing(boolean whole, Set<String> sections) {
        public Standing {
            sections = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(sections));
        }

        /** The sections of {@code profile} that delivery removes. */
        public Set<String> withheld(Profile profile) {
            if (!whole) {
                return sections;
            }
            Set<String> withheld = new LinkedHashSet<>();
            profile.sections().stream().filter(section -> !section.mandatory()).forEach(s -> withheld.add(s.name()));
            return withheld;
        }
    }

    /** The objections that still stand on a dossier; delivery removes what they withhold. */
    public Uni<Standing> standing(SqlClient client, UUID dossierId) {
        return objections.standing(client, dossierId);
    }

    /**
     * Just after a match, in its transaction: a whole objection recorded before the enrolment came
     * takes effect now that the window is open (OBJECTION_WINDOW → OBJECTED).
     */
    public Uni<Void> afterMatch(SqlConnection tx, UUID dossierId, ObjectionWindow window, Profile profile, Instant now,
            AuditActor actor) {
        return standing(tx, dossierId).flatMap(standing -> standing.whole()
                ? applyWhole(tx, dossierId, window, profile, now, actor)
                : Uni.createFrom().voidItem());
    }

    /**
     * OBJECTION_WINDOW → OBJECTED. Where the profile makes no section mandatory, the transfer ends
     * here and the dossier is purged after the profile's retention; otherwise the timer releases
     * it when the window elapses, and delivery carries only the mandatory sections.
     */
    private Uni<Void> applyWhole(SqlConnection tx, UUID dossierId, ObjectionWindow window, Profile profile, Instant now,
            AuditActor actor) {
        return transitions.apply(tx, dossierId, wholeObjection(window, profile, now), now, actor).replaceWithVoid();
    }

    /** The OBJECT step for {@code profile}: it ends the transfer when no section of the profile is mandatory. */
    static TransferState.Step<? extends TransferState> wholeObjection(ObjectionWindow window, Profile profile, Instant at) {
        return profile.mandatorySections().isEmpty() ? window.objectAndEnd(at, profile.retention().afterObjection())
                : window.object();
    }

    /**
     * The caller's dossier, locked, while parents may still act on it ({@link TransferState#parentsMayAct}):
     * before release and before the window closes.
     */
    private Uni<Dossier> lockOpen(SqlConnection tx, Caller caller, UUID dossierId, Instant now) {
        return dossiers.lockOwn(tx, dossierId, caller.requireSchool()).map(found -> {
            Dossier dossier = found.orElseThrow(() -> Problems.noSuchDossier());
            TransferState state = dossier.state();
            if (state.parentsMayAct(now)) {
                return dossier;
            }
            if (state instanceof ObjectionWindow window) {
                throw new ApiException(ProblemType.ILLEGAL_TRANSITION, "The objection window closed at "
                        + window.windowEndsAt() + ".");
            }
            throw new IllegalTransitionException(state, TransitionName.OBJECT);
        });
    }

    private Profile profileOf(Dossier dossier) {
        return profiles.find(dossier.profileId(), dossier.profileVersion()).orElseThrow();
    }

    private static List<String> checkSections(Profile profile, List<String> sections) {
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            String name = sections.get(i);
            if (profile.sections().stream().noneMatch(section -> section.name().equals(name))) {
                unknown.add(new Problem.FieldError("/sections/" + i, "not a section of profile " + profile.id()
                        + " " + profile.version(), "unknown-section"));
            }
        }
        if (sections.isEmpty()) {
            unknown.add(new Problem.FieldError("/sections", "name at least one section, or object to the whole dossier",
                    "no-sections"));
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "The objection names no valid sections.", unknown);
        }
        return List.copyOf(new LinkedHashSet<>(sections));
    }

    private static List<Problem.FieldError> mandatorySections(Profile profile, List<String> sections) {
        List<Problem.FieldError> refused = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            String name = sections.get(i);
            profile.sections().stream().filter(section -> section.name().equals(name) && section.mandatory())
                    .findFirst()
                    .ifPresent(section -> refused.add(new Problem.FieldError("/sections/" + sections.indexOf(name),
                            section.mandatoryReason().orElseThrow(), "mandatory-section")));
        }
        return refused;
    }

    /**
     * Parents act on a day that has begun: a date after {@link DossierInspector#latestToday} lies in
     * the future wherever the school is, whatever the clock skew between it and us.
     */
    private void notInFuture(LocalDate date, String pointer) {
        if (date != null && date.isAfter(DossierInspector.latestToday(clock))) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The date lies in the future; record what the parents "
                    + "did, once they did it.", List.of(new Problem.FieldError(pointer, "lies in the future",
                            "date-in-future")));
        }
    }

    /** An objection to a section the law makes mandatory to transfer: 422 with the legal reason. */
    static final class MandatorySectionException extends ApiException {
        MandatorySectionException(List<Problem.FieldError> sections) {
            super(ProblemType.MANDATORY_SECTION, "Parents cannot object to a section the law makes mandatory to "
                    + "transfer; it will be delivered.", sections);
        }
    }
}
