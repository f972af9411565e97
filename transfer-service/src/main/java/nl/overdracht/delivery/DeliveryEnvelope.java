package nl.overdracht.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a delivery package signs and encrypts: one UTF-8 JSON object (format
 * {@value #FORMAT}) holding the manifest and the dossier content, the latter base64 so that its
 * bytes survive exactly, whatever they are.
 *
 * <pre>
 * {
 *   "format": "overdracht-delivery/1",
 *   "manifest": {
 *     "deliveryId": "…", "dossierId": "…", "revision": 1,
 *     "profile": "oso-gegevensset", "profileVersion": "2019.1", "mediaType": "application/xml",
 *     "sendingSchool": "99ZZ00", "receivingSchool": "00YY00",
 *     "sectionsRemoved": ["verzuim"],
 *     "removalReason": "section-objection",
 *     "contentSha256": "…hex…", "contentLength": 1234,
 *     "packagedAt": "2024-06-01T10:00:00Z"
 *   },
 *   "content": "…base64 (RFC 4648, padded) of exactly the dossier bytes…"
 * }
 * </pre>
 *
 * {@code removalReason} is absent when nothing was removed, {@code section-objection} when the
 * parents objected to the sections removed, and {@code whole-objection} when they objected to the
 * whole dossier: then {@code mandatorySectionsDelivered} lists the sections that still pass, each
 * as {@code {"section", "reason"}} with the legal reason.
 *
 * <p>The school opens it with {@code openssl cms -decrypt} and {@code openssl cms -verify}, then
 * {@code jq -r .content | base64 -d}; {@code contentSha256} is over those decoded bytes and is what
 * the acknowledgement names.
 */
final class DeliveryEnvelope {

    static final String FORMAT = "overdracht-delivery/1";

    private DeliveryEnvelope() {
    }

    /** The manifest: ids, profile, schools, what was removed, and the content's hash. No personal data. */
    record Manifest(UUID dossierId, int revision, String profile, String profileVersion, String mediaType,
            String sendingSchool, String receivingSchool, List<String> sectionsRemoved, String removalReason,
            List<Withholding.MandatorySection> mandatorySectionsDelivered, byte[] contentSha256, int contentLength,
            Instant packagedAt) {

        Manifest {
            Objects.requireNonNull(dossierId, "dossierId");
            sectionsRemoved = List.copyOf(sectionsRemoved);
            mandatorySectionsDelivered = List.copyOf(mandatorySectionsDelivered);
            contentSha256 = contentSha256.clone();
        }

        JsonObject toJson() {
            JsonArray mandatory = new JsonArray();
            mandatorySectionsDelivered.forEach(section -> mandatory.add(new JsonObject()
                    .put("section", section.section()).put("reason", section.reason())));
            JsonObject json = new JsonObject()
                    .put("deliveryId", dossierId.toString())
                    .put("dossierId", dossierId.toString())
                    .put("revision", revision)
                    .put("profile", profile)
                    .put("profileVersion", profileVersion)
                    .put("mediaType", mediaType)
                    .put("sendingSchool", sendingSchool)
                    .put("receivingSchool", receivingSchool)
                    .put("sectionsRemoved", new JsonArray(List.copyOf(sectionsRemoved)))
                    .put("contentSha256", HexFormat.of().formatHex(contentSha256))
                    .put("contentLength", contentLength)
                    .put("packagedAt", packagedAt.toString());
            if (removalReason != null) {
                json.put("removalReason", removalReason);
            }
            if (!mandatory.isEmpty()) {
                json.put("mandatorySectionsDelivered", mandatory);
            }
            return json;
        }
    }

    /** The envelope's bytes, UTF-8 JSON. */
    static byte[] encode(Manifest manifest, byte[] content) {
        return new JsonObject()
                .put("format", FORMAT)
                .put("manifest", manifest.toJson())
                .put("content", Base64.getEncoder().encodeToString(content))
                .encode()
                .getBytes(StandardCharsets.UTF_8);
    }
}
