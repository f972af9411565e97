package nl.overdracht.feedback;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import nl.overdracht.lifecycle.DossierPurgeHook;

/**
 * The feedback's part of a dossier's purge: a dossier never delivered (withdrawn, expired, objected
 * to as a whole) loses its advice level. A delivered one keeps it, beyond the dossier's own purge,
 * until its outcome is reported or its reporting period lapses ({@link CareerFeedbackRetention}).
 */
@ApplicationScoped
public class CareerFeedbackPurge implements DossierPurgeHook {

    @Inject
    CareerFeedbackRepository feedback;

    @Override
    public Uni<Void> purge(SqlConnection tx, UUID dossierId, Instant now) {
        return feedback.deleteUndelivered(tx, dossierId);
    }
}
