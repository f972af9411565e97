package nl.overdracht.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A chained entry as stored in {@code audit_entry}.
 *
 * @param seq its place in the one total order, 1, 2, 3, ... without gaps
 * @param recordedAt when it was appended (microsecond precision, as stored)
 * @param record what was appended
 * @param leaf SHA-256(0x00 ‖ canonical bytes), as stored
 * @param chain SHA-256(0x01 ‖ previous chain ‖ leaf), as stored
 */
public record AuditEntry(long seq, Instant recordedAt, AuditRecord record, byte[] leaf, byte[] chain) {

    public AuditEntry {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(record, "record");
        leaf = leaf.clone();
        chain = chain.clone();
    }

    @Override
    public byte[] leaf() {
        return leaf.clone();
    }

    @Override
    public byte[] chain() {
        return chain.clone();
    }
}
