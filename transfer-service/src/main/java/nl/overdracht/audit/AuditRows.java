package nl.overdracht.audit;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Mapping between audit rows and records; the SQL column lists live here, in one place. */
final class AuditRows {

    static final String RECORD_COLUMNS = "recorded_at, action, actor_subject, actor_role, actor_school, "
            + "actor_region, dossier_id, outcome, content_sha256";
    static final String ENTRY_COLUMNS = "seq, " + RECORD_COLUMNS + ", leaf, chain";
    static final String CHECKPOINT_COLUMNS = "size, chain_head, signed_at, algorithm, signature";

    private AuditRows() {
    }

    /** recorded_at and the record's fields, in {@link #RECORD_COLUMNS} order. */
    static Object[] recordValues(Instant recordedAt, AuditRecord record) {
        AuditActor actor = record.actor();
        return new Object[] {OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC), record.action().name(),
                actor.subject(), actor.role(), actor.school(), actor.region(), record.dossierId(), record.outcome(),
                buffer(record.contentSha256())};
    }

    static Tuple entryTuple(long seq, Instant recordedAt, AuditRecord record, byte[] leaf, byte[] chain) {
        Object[] values = recordValues(recordedAt, record);
        Object[] all = new Object[values.length + 3];
        all[0] = seq;
        System.arraycopy(values, 0, all, 1, values.length);
        all[values.length + 1] = Buffer.buffer(leaf);
        all[values.length + 2] = Buffer.buffer(chain);
        return Tuple.from(Arrays.asList(all));
    }

    static Instant recordedAt(Row row) {
        return row.getOffsetDateTime("recorded_at").toInstant();
    }

    static AuditRecord record(Row row) {
        AuditActor actor = new AuditActor(row.getString("actor_subject"), row.getString("actor_role"),
                row.getString("actor_school"), row.getString("actor_region"));
        return new AuditRecord(AuditAction.valueOf(row.getString("action")), actor, row.getUUID("dossier_id"),
                row.getString("outcome"), bytes(row, "content_sha256"));
    }

    static AuditEntry entry(Row row) {
        return new AuditEntry(row.getLong("seq"), recordedAt(row), record(row), bytes(row, "leaf"),
                bytes(row, "chain"));
    }

    static Checkpoint checkpoint(Row row) {
        return new Checkpoint(row.getLong("size"), bytes(row, "chain_head"),
                row.getOffsetDateTime("signed_at").toInstant(), row.getString("algorithm"), bytes(row, "signature"));
    }

    static Tuple checkpointTuple(Checkpoint checkpoint) {
        return Tuple.from(Arrays.asList(checkpoint.size(), Buffer.buffer(checkpoint.chainHead()),
                OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC), checkpoint.algorithm(),
                Buffer.buffer(checkpoint.signature())));
    }

    static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    private static Buffer buffer(byte[] bytes) {
        return bytes == null ? null : Buffer.buffer(bytes);
    }
}
