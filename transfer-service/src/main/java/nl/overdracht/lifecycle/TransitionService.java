package nl.overdracht.lifecycle;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.lifecycle.TransferState.AwaitingEnrolment;
import nl.overdracht.lifecycle.TransferState.Step;
import nl.overdracht.outbox.Outbox;

/**
 * Carries out a {@link Step} in PostgreSQL: the guarded row change ({@link DossierRepository#change}),
 * its {@link DossierStateChanged} event on the outbox and its audit entry, all in the caller's
 * transaction. Every state change of a stored dossier goes through here.
 */
@ApplicationScoped
public class TransitionService {

    @Inject
    DossierRepository dossiers;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    /** Carries out {@code step} on dossier {@code dossierId}; refused (409) when the stored state moved on meanwhile. */
    public <T extends TransferState> Uni<T> apply(SqlConnection tx, UUID dossierId, Step<T> step, Instant at,
            AuditActor actor) {
        return dossiers.change(tx, dossierId, step, at)
                .flatMap(changed -> record(tx, dossierId, step, at, actor, changed.revision(), changed.contentSha256()))
                .replaceWith(step.to());
    }

    /** Stores a new dossier accepted by {@code step}, with its event and audit entry. */
    public Uni<Void> accept(SqlConnection tx, DossierRepository.NewDossier dossier, Step<AwaitingEnrolment> step,
            AuditActor actor) {
        // Not waiting for each other: the connection pipelines them in this order, and any failure
        // rolls the caller's transaction back.
        return Uni.combine().all().unis(dossiers.insert(tx, dossier, step.to()),
                        record(tx, dossier.id(), step, dossier.at(), actor, 1, dossier.contentSha256()))
                .discardItems();
    }

    private Uni<Void> record(SqlConnection tx, UUID dossierId, Step<?> step, Instant at, AuditActor actor, int revision,
            byte[] contentSha256) {
        DossierStateChanged event = DossierStateChanged.of(dossierId, step, revision, contentSha256, at);
        return Uni.combine().all().unis(outbox.write(tx, event.toOutboxEvent()),
                        audit.append(tx, new AuditRecord(auditAction(step.name()), actor, dossierId, event.state(),
                                contentSha256)))
                .discardItems();
    }

    static AuditAction auditAction(TransitionName transition) {
        return switch (transition) {
            case ACCEPT -> AuditAction.DOSSIER_SUBMITTED;
            case REVISE -> AuditAction.DOSSIER_REVISED;
            case WITHDRAW -> AuditAction.DOSSIER_WITHDRAWN;
            case MATCH -> AuditAction.ENROLMENT_MATCHED;
            case RELEASE -> AuditAction.DOSSIER_RELEASED;
            case OBJECT -> AuditAction.DOSSIER_OBJECTED;
            case EXPIRE -> AuditAction.DOSSIER_EXPIRED;
            case PACKAGE, REPACKAGE -> AuditAction.PACKAGE_CREATED;
            case ACKNOWLEDGE -> AuditAction.DELIVERY_ACKNOWLEDGED;
            case PURGE -> AuditAction.DOSSIER_PURGED;
        };
    }
}
