package nl.overdracht.handover;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import nl.overdracht.lifecycle.DossierPurgeHook;

/** The handover package's part of a dossier's purge: the warm handover goes with the dossier. */
@ApplicationScoped
public class HandoverPurge implements DossierPurgeHook {

    @Inject
    HandoverRepository handovers;

    @Override
    public Uni<Void> purge(SqlConnection tx, UUID dossierId, Instant now) {
        return handovers.delete(tx, dossierId);
    }
}
