package nl.overdracht.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of {@code school_notification}. */
@ApplicationScoped
public class NotificationRepository {

    /** Notifies the dossier's sending school that it is now in state {@code state}; answers whether the dossier exists. */
    Uni<Boolean> notifySender(SqlConnection tx, UUID dossierId, String state, UUID eventId, Instant at) {
        return tx.preparedQuery("INSERT INTO school_notification (id, school, dossier_id, kind, event_id, created_at) "
                        + "SELECT $1, sending_school, id, $3, $4, $5 FROM dossier WHERE id = $2")
                .execute(Tuple.of(UUID.randomUUID(), dossierId, state, eventId, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The school's latest notifications, newest first. */
    Uni<List<NotificationResource.Notification>> latestOf(SqlClient client, String school, int limit) {
        return client.preparedQuery("SELECT id, dossier_id, kind, created_at FROM school_notification WHERE school = $1 "
                        + "ORDER BY created_at DESC, id LIMIT $2")
                .execute(Tuple.of(school, limit))
                .map(rows -> {
                    List<NotificationResource.Notification> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new NotificationResource.Notification(row.getUUID("id"),
                            row.getUUID("dossier_id"), row.getString("kind"),
                            row.getOffsetDateTime("created_at").toInstant())));
                    return out;
                });
    }
}
