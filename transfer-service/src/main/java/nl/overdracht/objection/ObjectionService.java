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
import nl.overdracht.intake.DossierStore;
import nl.overdracht.lifecycle.IllegalTransitionException;
import nl.overdracht.lifecycle.TransferState;
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
    DossierStore dossiers;

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
        return pool.withTransaction(tx -> lockOpen(tx, caller, dossierId, now).flatMap(row -> {
            TransferState state = TransferState.of(row.getString("state"));
            Profile profile = profileOf(row);
            UUID id = UUID.randomUUID();
            if (objection.whole()) {
                // Before the match the objection is recorded and takes effect when the window opens.
                return insert(tx, id, dossierId, objection, List.of(), now)
                        .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.OBJECTION_RECORDED, actor, dossierId,
                                "whole", null)))
                        .flatMap(done -> state instanceof TransferState.ObjectionWindow
                                ? applyWhole(tx, dossierId, state, profile, now, actor)
                                : Uni.createFrom().voidItem())
                        .flatMap(done -> find(tx, id));
            }
            List<String> sections = checkSections(profile, objection.sections());
            List<Problem.FieldError> mandatory = mandatorySections(profile, sections);
            if (!mandatory.isEmpty()) {
                return Uni.createFrom().failure(new MandatorySectionException(mandatory));
            }
            return insert(tx, id, dossierId, objection, sections, now)
                    .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.OBJECTION_RECORDED, actor, dossierId,
                            "sections", null)))
                    .flatMap(done -> find(tx, id));
        })).onFailure(MandatorySectionException.class).call(refused -> audit.append(new AuditRecord(
                AuditAction.OBJECTION_REFUSED, actor, dossierId, "mandatory-section", null)));
    }

    public Uni<ObjectionView> withdraw(Caller caller, UUID dossierId, UUID objectionId) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> lockOpen(tx, caller, dossierId, now)
                .flatMap(row -> tx.preparedQuery("UPDATE objection SET withdrawn_at = $3 WHERE id = $1 AND dossier_id = $2 "
                        + "AND withdrawn_at IS NULL AND NOT whole").execute(Tuple.of(objectionId, dossierId,
                        now.atOffset(ZoneOffset.UTC))))
                .flatMap(updated -> {
                    if (updated.rowCount() == 0) {
                        return Uni.createFrom().failure(Problems.noSuchOpenObjection());
                    }
                    return audit.append(tx, new AuditRecord(AuditAction.OBJECTION_WITHDRAWN,
                            AuditActor.of(caller, Roles.SENDING_SCHOOL), dossierId, "withdrawn", null));
                })
                .flatMap(done -> find(tx, objectionId)));
    }

    public Uni<List<ObjectionView>> list(Caller caller, UUID dossierId) {
        return dossiers.findOwn(pool, dossierId, caller.requireSchool())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().failure(Problems.noSuchDossier());
                    }
                    return pool.preparedQuery("SELECT " + ObjectionView.COLUMNS + " FROM objection WHERE dossier_id = $1 "
                            + "ORDER BY recorded_at, id").execute(Tuple.of(dossierId));
                })
                .map(rows -> {
                    List<ObjectionView> out = new ArrayList<>();
                    rows.forEach(row -> out.add(ObjectionView.from(row)));
                    return out;
                });
    }

    public Uni<Void> inspect(Caller caller, UUID dossierId, Inspection inspection) {
        Instant now = clock.instant();
        notInFuture(inspection.inspectedOn(), "/inspectedOn");
        return pool.withTransaction(tx -> lockOpen(tx, caller, dossierId, now).flatMap(row -> {
            if (profileOf(row).format().equals("oso-xml")) {
                return Uni.createFrom().failure(new ApiException(ProblemType.UNPROCESSABLE,
                        "For an OSO dossier the inzage block inside the dossier is the record of inspection; "
                                + "submit a revision to change it."));
            }
            UUID id = UUID.randomUUID();
            SealedData reason = inspection.reason() == null || inspection.reason().isBlank() ? null
                    : cipher.seal(inspection.reason().getBytes(StandardCharsets.UTF_8), Aad.forField(id, "inspection-reason"));
            return tx.preparedQuery("INSERT INTO inspection (id, dossier_id, inspected_on, agreed, reason_ciphertext, "
                            + "reason_wrapped_key, reason_key_version, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                    .execute(Tuple.from(Arrays.asList(id, dossierId, inspection.inspectedOn(), inspection.agreed(),
                            reason == null ? null : Bytea.of(reason.ciphertext()),
                            reason == null ? null : Bytea.of(reason.wrappedKey()),
                            reason == null ? null : reason.keyVersion(), now.atOffset(ZoneOffset.UTC))))
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
        return client.preparedQuery("SELECT whole, sections FROM objection WHERE dossier_id = $1 AND withdrawn_at IS NULL")
                .execute(Tuple.of(dossierId))
                .map(rows -> {
                    boolean whole = false;
                    Set<String> sections = new LinkedHashSet<>();
                    for (Row row : rows) {
                        whole |= row.getBoolean("whole");
                        sections.addAll(Arrays.asList(row.getArrayOfStrings("sections")));
                    }
                    return new Standing(whole, sections);
                });
    }

    /**
     * Just after a match, in its transaction: a whole objection recorded before the enrolment came
     * takes effect now that the window is open (OBJECTION_WINDOW → OBJECTED).
     */
    public Uni<Void> afterMatch(SqlConnection tx, UUID dossierId, Profile profile, Instant now, AuditActor actor) {
        return standing(tx, dossierId).flatMap(standing -> standing.whole()
                ? applyWhole(tx, dossierId, new TransferState.ObjectionWindow(), profile, now, actor)
                : Uni.createFrom().voidItem());
    }

    /**
     * OBJECTION_WINDOW → OBJECTED. Where the profile makes no section mandatory, the transfer ends
     * here and the dossier is purged after the profile's retention; otherwise the timer releases
     * it when the window elapses, and delivery carries only the mandatory sections.
     */
    private Uni<Void> applyWhole(SqlConnection tx, UUID dossierId, TransferState from, Profile profile, Instant now,
            AuditActor actor) {
        return transitions.apply(tx, wholeObjection(new TransitionService.Change(dossierId, from, TransitionName.OBJECT, now, actor),
                profile)).replaceWithVoid();
    }

    /** The OBJECT change for {@code profile}: it ends the transfer when no section of the profile is mandatory. */
    static TransitionService.Change wholeObjection(TransitionService.Change change, Profile profile) {
        if (!profile.mandatorySections().isEmpty()) {
            return change;
        }
        return change.with("ended_at", change.at()).with("purge_after", change.at().plus(profile.retention().afterObjection()));
    }

    /** The caller's dossier, locked, while parents may still object: before release and before the window closes. */
    private Uni<Row> lockOpen(SqlConnection tx, Caller caller, UUID dossierId, Instant now) {
        return dossiers.lockOwn(tx, dossierId, caller.requireSchool()).map(found -> {
            Row row = found.orElseThrow(Problems::noSuchDossier);
            TransferState state = TransferState.of(row.getString("state"));
            if (!state.beforeRelease()) {
                throw new IllegalTransitionException(state, TransitionName.OBJECT);
            }
            OffsetDateTime windowEnds = row.getOffsetDateTime("window_ends_at");
            if (windowEnds != null && !now.isBefore(windowEnds.toInstant())) {
                throw new ApiException(ProblemType.ILLEGAL_TRANSITION, "The objection window closed at "
                        + windowEnds.toInstant() + ".");
            }
            return row;
        });
    }

    private Uni<Void> insert(SqlConnection tx, UUID id, UUID dossierId, Objection objection, List<String> sections,
            Instant now) {
        return tx.preparedQuery("INSERT INTO objection (id, dossier_id, whole, sections, objected_by, objected_on, "
                        + "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(Arrays.asList(id, dossierId, objection.whole(), sections.toArray(String[]::new),
                        objection.objectedBy(), objection.objectedOn(), now.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    private Uni<ObjectionView> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + ObjectionView.COLUMNS + " FROM objection WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> ObjectionView.from(rows.iterator().next()));
    }

    private Profile profileOf(Row row) {
        return profiles.find(row.getString("profile_id"), row.getString("profile_version")).orElseThrow();
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
