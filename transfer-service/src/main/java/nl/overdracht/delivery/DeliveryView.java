package nl.overdracht.delivery;

import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A delivery as its receiving school sees it in a list: ids, profile, state and hashes, never content.
 *
 * @param id the delivery id, which is the dossier id
 * @param state {@code pending} until acknowledged, then {@code acknowledged}
 * @param available whether the package can be downloaded now (false while it waits for a valid certificate)
 * @param packageSha256 SHA-256 of the package bytes, hex: the download's ETag
 * @param mediaType the package's media type
 */
@Schema(name = "DeliveryView", requiredProperties = {"id", "state", "available", "profile", "profileVersion",
        "sendingSchool", "sectionsRemoved"})
public record DeliveryView(UUID id, @Schema(enumeration = {"pending", "acknowledged"}) String state, boolean available,
        String profile, String profileVersion,
        String sendingSchool, List<String> sectionsRemoved, String packageSha256, String mediaType, Instant packagedAt,
        Instant downloadedAt, Instant acknowledgedAt) {

    static final String COLUMNS = "p.dossier_id, d.profile_id, d.profile_version, d.sending_school, p.sections_removed, "
            + "p.package_sha256, p.media_type, p.packaged_at, p.downloaded_at, p.acknowledged_at";

    public DeliveryView {
        sectionsRemoved = List.copyOf(sectionsRemoved);
    }

    static DeliveryView from(Row row) {
        Buffer packageSha256 = row.getBuffer("package_sha256");
        Instant acknowledged = instant(row.getOffsetDateTime("acknowledged_at"));
        return new DeliveryView(row.getUUID("dossier_id"), acknowledged == null ? "pending" : "acknowledged",
                packageSha256 != null, row.getString("profile_id"), row.getString("profile_version"),
                row.getString("sending_school"), Arrays.asList(row.getArrayOfStrings("sections_removed")),
                packageSha256 == null ? null : HexFormat.of().formatHex(packageSha256.getBytes()),
                row.getString("media_type"), instant(row.getOffsetDateTime("packaged_at")),
                instant(row.getOffsetDateTime("downloaded_at")), acknowledged);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
