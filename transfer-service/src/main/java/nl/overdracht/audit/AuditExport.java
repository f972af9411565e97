package nl.overdracht.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;

/**
 * The export format the standalone verifier reads: JSON lines ({@value #MEDIA_TYPE}), UTF-8.
 * Line 1 is the header {@code {"type":"export","format":"overdracht-audit-export/1","from":f,"to":t,
 * "previousChain":hex,"next":n|null}}; then one {@code {"type":"entry",...}} line per entry in seq
 * order (the fields of the entries endpoint); then one {@code {"type":"checkpoint",...}} line per
 * checkpoint whose size lies in [from, to]. {@code previousChain} is the stored chain value of
 * entry from-1 (64 zeros when from is 1); a range export is anchored by the checkpoints in it.
 */
@ApplicationScoped
class AuditExport {

    static final String MEDIA_TYPE = "application/x-ndjson";
    static final String FORMAT = "overdracht-audit-export/1";

    @Inject
    AuditRepository entries;

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    AuditConfig config;

    @Inject
    ObjectMapper json;

    /** The export of seq from..to (to = the current size when null), cut at the configured maximum. */
    Uni<String> export(Long from, Long to) {
        long start = from == null ? 1 : from;
        return (to == null ? entries.size() : Uni.createFrom().item(to)).flatMap(requested -> {
            long end = Math.min(requested, start + config.exportMaxEntries() - 1);
            Long next = end < requested ? end + 1 : null;
            Uni<byte[]> previous = start == 1 ? Uni.createFrom().item(AuditCanonical.genesis())
                    : entries.chainAt(start - 1);
            return previous.flatMap(chain -> {
                StringBuilder out = new StringBuilder();
                ObjectNode header = json.createObjectNode().put("type", "export").put("format", FORMAT)
                        .put("from", start).put("to", end)
                        .put("previousChain", chain == null ? null : HexFormat.of().formatHex(chain));
                header.put("next", next);
                line(out, header);
                return entries(out, start, end)
                        .flatMap(ignored -> checkpoints.between(start, end))
                        .map(found -> {
                            found.forEach(c -> line(out, typed("checkpoint", AuditViews.CheckpointView.of(c))));
                            return out.toString();
                        });
            });
        });
    }

    private Uni<Void> entries(StringBuilder out, long from, long end) {
        if (from > end) {
            return Uni.createFrom().voidItem();
        }
        return entries.range(from, end, AuditVerification.PAGE).flatMap(rows -> {
            List<AuditEntry> page = rows.stream().map(AuditRepository.StoredEntry::entry).toList();
            page.forEach(e -> line(out, typed("entry", AuditViews.Entry.of(e))));
            return rows.size() < AuditVerification.PAGE ? Uni.createFrom().voidItem()
                    : entries(out, page.get(page.size() - 1).seq() + 1, end);
        });
    }

    private ObjectNode typed(String type, Object view) {
        ObjectNode node = json.createObjectNode().put("type", type);
        node.setAll((ObjectNode) json.valueToTree(view));
        return node;
    }

    private void line(StringBuilder out, ObjectNode node) {
        try {
            out.append(json.writeValueAsString(node)).append('\n');
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
