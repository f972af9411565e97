package nl.overdracht.lifecycle;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.outbox.Outbox;
import nl.overdracht.outbox.OutboxEvent;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;

/**
 * Carries out a transition in PostgreSQL: a guarded state change (compare-and-set on the state it
 * was decided from), its outbox event and its audit entry, all in the caller's transaction.
 * Every state change of a stored dossier goes through here.
 */
@ApplicationScoped
public class TransitionService {

    /** The one event type of the dossier aggregate; the payload names transition and states. */
    public static final String EVENT_TYPE = "DossierStateChanged";

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    /**
     * A transition about to be carried out.
     *
     * @param dossierId the dossier
     * @param from the state it was decided from (read in the same transaction)
     * @param transition what happens
     * @param at when
     * @param actor who, for the audit log
     * @param columns further {@code dossier} columns to set (names are this package's constants, never input)
     */
    public record Change(UUID dossierId, TransferState from, TransitionName transition, Instant at, AuditActor actor,
            Map<String, Object> columns) {

        public Change {
            columns = new LinkedHashMap<>(columns);
        }

        public Change(UUID dossierId, TransferState from, TransitionName transition, Instant at, AuditActor actor) {
            this(dossierId, from, transition, at, actor, Map.of());
        }

        public Change with(String column, Object value) {
            Map<String, Object> more = new LinkedHashMap<>(columns);
            more.put(column, value);
            return new Change(dossierId, from, transition, at, actor, more);
        }
    }

    /**
     * Applies {@code change}: refused (409) when the transition is illegal from its state, or when
     * the stored state moved on meanwhile (another instance got there first).
     */
    public Uni<TransferState> apply(SqlConnection tx, Change change) {
        TransferState to = change.transition().apply(change.from());
        List<Object> values = new ArrayList<>(List.of(change.dossierId(), change.from().name(), to.name(),
                change.at().atOffset(ZoneOffset.UTC)));
        StringBuilder sql = new StringBuilder("UPDATE dossier SET state = $3, updated_at = $4");
        for (Map.Entry<String, Object> column : change.columns().entrySet()) {
            values.add(column.getValue() instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : column.getValue());
            sql.append(", ").append(column.getKey()).append(" = $").append(values.size());
        }
        sql.append(" WHERE id = $1 AND state = $2 RETURNING revision, content_sha256");
        return tx.preparedQuery(sql.toString()).execute(Tuple.from(values))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(new ApiException(ProblemType.CONFLICT,
                                "The dossier changed meanwhile; read it again and retry."));
                    }
                    var row = rows.iterator().next();
                    return record(tx, change, to, row.getInteger("revision"), row.getBuffer("content_sha256").getBytes());
                })
                .replaceWith(to);
    }

    /** Writes the event and audit entry of a transition whose row change the caller made itself (the first insert). */
    public Uni<Void> record(SqlConnection tx, Change change, TransferState to, int revision, byte[] contentSha256) {
        JsonObject payload = new JsonObject()
                .put("dossierId", change.dossierId().toString())
                .put("transition", change.transition().name())
                .put("from", change.from().name())
                .put("state", to.name())
                .put("revision", revision)
                .put("contentSha256", HexFormat.of().formatHex(contentSha256))
                .put("at", change.at().toString());
        return Uni.combine().all().unis(
                        outbox.write(tx, OutboxEvent.dossier(change.dossierId(), EVENT_TYPE, payload, change.at())),
                        audit.append(tx, new AuditRecord(auditAction(change.transition()), change.actor(),
                                change.dossierId(), to.name(), contentSha256)))
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
