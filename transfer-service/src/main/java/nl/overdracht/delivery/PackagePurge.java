package nl.overdracht.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import nl.overdracht.lifecycle.DossierPurgeHook;

/** The delivery package's part of a dossier's purge: the package is deleted. */
@ApplicationScoped
public class PackagePurge implements DossierPurgeHook {

    @Inject
    DeliveryRepository deliveries;

    @Override
    public Uni<Void> purge(SqlConnection tx, UUID dossierId, Instant now) {
        return deliveries.delete(tx, dossierId);
    }
}
