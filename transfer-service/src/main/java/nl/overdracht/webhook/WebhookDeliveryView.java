package nl.overdracht.webhook;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One line of a school's delivery log: ids, the event type, counts, status codes and times.
 *
 * @param position the log's order; the {@code cursor} of the next page
 * @param eventId the {@code Webhook-Id} of the notification
 * @param lastStatus the endpoint's last HTTP status; null before the first attempt or when it gave none
 * @param lastError {@code timeout}, {@code connection} or {@code no-endpoint} when the last attempt got no status
 * @param nextAttempt when the next attempt is due; null once delivered or given up
 */
@Schema(name = "WebhookDeliveryView", requiredProperties = {"position", "eventId", "type", "dossierId", "createdAt",
        "attempts"})
public record WebhookDeliveryView(long position, UUID eventId, @Schema(enumeration = {"dossier.released",
        "dossier.deliverable", "dossier.acknowledged", "dossier.objected", "dossier.expired",
        "enrolment.conflict", "handover.reminder"}) String type, UUID dossierId, Instant createdAt,
        int attempts, Integer lastStatus, String lastError, Instant lastAttemptAt, Instant nextAttempt,
        Instant deliveredAt, Instant givenUpAt) {
}
