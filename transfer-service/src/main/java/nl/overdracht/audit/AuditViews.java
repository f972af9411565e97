package nl.overdracht.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON (and CSV) shapes of the audit API. Hashes are lower-case hex, signatures base64, times
 * ISO-8601 UTC with exactly six fractional digits, so that an entry's canonical bytes can be
 * rebuilt exactly from its JSON.
 */
final class AuditViews {

    static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();
    private static final HexFormat HEX = HexFormat.of();

    private AuditViews() {
    }

    /** An entry as auditors and the export see it; absent values are explicit nulls. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AuditEntry", requiredProperties = {"seq", "at", "action", "actorSubject", "actorRole",
            "actorSchool", "actorRegion", "dossierId", "outcome", "contentSha256", "leaf", "chain"})
    record Entry(long seq, String at, String action, @Schema(nullable = true) String actorSubject,
            @Schema(nullable = true) String actorRole, @Schema(nullable = true) String actorSchool,
            @Schema(nullable = true) String actorRegion, @Schema(nullable = true) String dossierId,
            @Schema(nullable = true) String outcome, @Schema(nullable = true) String contentSha256, String leaf,
            String chain) {

        static Entry of(AuditEntry entry) {
            AuditRecord record = entry.record();
            AuditActor actor = record.actor();
            return new Entry(entry.seq(), time(entry.recordedAt()), record.action().name(), actor.subject(),
                    actor.role(), actor.school(), actor.region(),
                    record.dossierId() == null ? null : record.dossierId().toString(), record.outcome(),
                    hex(record.contentSha256()), hex(entry.leaf()), hex(entry.chain()));
        }

        static final List<String> CSV_HEADER = List.of("seq", "at", "action", "actor_subject", "actor_role",
                "actor_school", "actor_region", "dossier_id", "outcome", "content_sha256", "leaf", "chain");

        List<String> csvRow() {
            return java.util.Arrays.asList(Long.toString(seq), at, action, actorSubject, actorRole, actorSchool,
                    actorRegion, dossierId, outcome, contentSha256, leaf, chain);
        }
    }

    /** What a school sees of an entry about its dossier: who (by school and role), what, when, never a person's id. */
    @Schema(name = "Disclosure", requiredProperties = {"seq", "at", "action", "actorRole", "actorSchool", "outcome"})
    record Disclosure(long seq, String at, String action, @Schema(nullable = true) String actorRole,
            @Schema(nullable = true) String actorSchool, @Schema(nullable = true) String outcome) {

        static Disclosure of(AuditEntry entry) {
            AuditRecord record = entry.record();
            return new Disclosure(entry.seq(), time(entry.recordedAt()), record.action().name(),
                    record.actor().role(), record.actor().school(), record.outcome());
        }
    }

    @Schema(name = "Checkpoint", requiredProperties = {"size", "chainHead", "signedAt", "algorithm", "signature"})
    record CheckpointView(long size, String chainHead, String signedAt, String algorithm, String signature) {

        static CheckpointView of(Checkpoint checkpoint) {
            return new CheckpointView(checkpoint.size(), hex(checkpoint.chainHead()), time(checkpoint.signedAt()),
                    checkpoint.algorithm(), Base64.getEncoder().encodeToString(checkpoint.signature()));
        }
    }

    /** A page of entries and the cursor to pass for the next page (null on the last). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AuditEntries", requiredProperties = {"entries", "next"})
    record Entries(List<Entry> entries, @Schema(nullable = true) Long next) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Checkpoints", requiredProperties = {"checkpoints", "next"})
    record Checkpoints(List<CheckpointView> checkpoints, @Schema(nullable = true) Long next) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Disclosures", requiredProperties = {"entries", "next"})
    record Disclosures(List<Disclosure> entries, @Schema(nullable = true) Long next) {
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }
}
