package nl.overdracht.registry;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A registered school as operators see it.
 *
 * @param acceptedProfiles the profile versions the school accepts, as {@code profile@version}
 * @param authEnvelopedData whether deliveries are AuthEnvelopedData (AES-256-GCM) rather than
 *     EnvelopedData (AES-256-CBC)
 * @param currentCertificate the certificate deliveries are encrypted to now; null when none is valid
 */
public record SchoolView(String id, String name, String region, SchoolStatus status, List<String> acceptedProfiles,
        boolean authEnvelopedData, UUID currentCertificate, Instant createdAt, Instant updatedAt) {

    /** The columns {@link #from} reads; {@code $2} is the time the current certificate is valid at. */
    static final String COLUMNS = "s.id, s.name, s.region, s.status, s.accepted_profiles, s.auth_enveloped, "
            + "s.created_at, s.updated_at, (" + SchoolDirectory.CURRENT_CERTIFICATE + ") AS current_certificate";

    public SchoolView {
        acceptedProfiles = List.copyOf(acceptedProfiles);
    }

    static SchoolView from(Row row) {
        return new SchoolView(row.getString("id"), row.getString("name"), row.getString("region"),
                SchoolStatus.valueOf(row.getString("status")), Arrays.asList(row.getArrayOfStrings("accepted_profiles")),
                row.getBoolean("auth_enveloped"), row.getUUID("current_certificate"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }
}
