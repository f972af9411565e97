package nl.overdracht.objection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import nl.overdracht.lifecycle.DossierPurgeHook;

/** The objection package's part of a dossier's purge: the parents' sealed reasons for disagreeing. */
@ApplicationScoped
public class InspectionPurge implements DossierPurgeHook {

    @Inject
    ObjectionRepository objections;

    @Override
    public Uni<Void> purge(SqlConnection tx, UUID dossierId, Instant now) {
        return objections.purgeInspectionReasons(tx, dossierId);
    }
}
