package nl.overdracht.lifecycle;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.UUID;

/**
 * A package's part of a dossier's purge: each package that keeps sealed or personal data about a
 * dossier in its own tables deletes it here (the parents' inspection reasons, the delivery
 * package, the matched enrolment's pupil id, the warm handover), in the purge's transaction, before the dossier
 * itself becomes PURGED. The lifecycle timer calls every hook; it knows no other package's table.
 */
public interface DossierPurgeHook {

    Uni<Void> purge(SqlConnection tx, UUID dossierId, Instant now);
}
