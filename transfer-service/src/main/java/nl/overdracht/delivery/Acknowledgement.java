package nl.overdracht.delivery;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import nl.overdracht.audit.Checkpoint;
import nl.overdracht.openapi.ContractFilter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to an acknowledgement, stored with the delivery and repeated verbatim when the school
 * acknowledges again.
 *
 * @param contentSha256 the content hash the school confirmed, hex
 * @param acknowledgedAt ISO-8601 instant
 * @param purgeAfter when the package and the stored dossier are purged, ISO-8601 instant
 * @param checkpoint the latest signed audit checkpoint when the acknowledgement was recorded; null before the first
 */
@Schema(name = "Acknowledgement", requiredProperties = {"deliveryId", "state", "contentSha256", "acknowledgedAt",
        "purgeAfter"})
public record Acknowledgement(UUID deliveryId, @Schema(ref = ContractFilter.TRANSFER_STATE) String state,
        String contentSha256, String acknowledgedAt,
        String purgeAfter, CheckpointView checkpoint) {

    /**
     * A signed audit checkpoint: the chain had {@code size} entries with head {@code chainHead} at
     * {@code signedAt}, signed with Overdracht's key.
     *
     * @param chainHead hex
     * @param signature base64
     */
    @Schema(name = "AcknowledgementCheckpoint", requiredProperties = {"size", "chainHead", "signedAt", "algorithm",
            "signature"})
    public record CheckpointView(long size, String chainHead, String signedAt, String algorithm, String signature) {

        static CheckpointView of(Checkpoint checkpoint) {
            return checkpoint == null ? null : new CheckpointView(checkpoint.size(),
                    HexFormat.of().formatHex(checkpoint.chainHead()), checkpoint.signedAt().toString(),
                    checkpoint.algorithm(), Base64.getEncoder().encodeToString(checkpoint.signature()));
        }
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject().put("deliveryId", deliveryId.toString()).put("state", state)
                .put("contentSha256", contentSha256).put("acknowledgedAt", acknowledgedAt).put("purgeAfter", purgeAfter);
        if (checkpoint != null) {
            json.put("checkpoint", new JsonObject().put("size", checkpoint.size()).put("chainHead", checkpoint.chainHead())
                    .put("signedAt", checkpoint.signedAt()).put("algorithm", checkpoint.algorithm())
                    .put("signature", checkpoint.signature()));
        }
        return json;
    }

    static Acknowledgement fromJson(JsonObject json) {
        JsonObject checkpoint = json.getJsonObject("checkpoint");
        return new Acknowledgement(UUID.fromString(json.getString("deliveryId")), json.getString("state"),
                json.getString("contentSha256"), json.getString("acknowledgedAt"), json.getString("purgeAfter"),
                checkpoint == null ? null : new CheckpointView(checkpoint.getLong("size"), checkpoint.getString("chainHead"),
                        checkpoint.getString("signedAt"), checkpoint.getString("algorithm"),
                        checkpoint.getString("signature")));
    }
}
