package nl.overdracht.auditverifier;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The audit log's canonical encodings, implemented independently of the service (which has its
 * own, {@code nl.overdracht.audit.AuditCanonical}); both are pinned by the same golden vectors.
 * See {@code docs/audit.md} for the format.
 */
final class Canonical {

    static final int HASH_LENGTH = 32;
    private static final byte VERSION = 1;
    private static final byte[] CHECKPOINT_LABEL = "overdracht-audit-checkpoint".getBytes(StandardCharsets.US_ASCII);

    private Canonical() {
    }

    /** The fields of one entry, as the export carries them; nullable ones may be null. */
    record Entry(long seq, Instant at, String action, String actorSubject, String actorRole, String actorSchool,
            String actorRegion, String dossierId, String outcome, byte[] contentSha256) {
    }

    static byte[] entryBytes(Entry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(VERSION);
        writeLong(out, entry.seq());
        writeLong(out, micros(entry.at()));
        text(out, entry.action());
        text(out, entry.actorSubject());
        text(out, entry.actorRole());
        text(out, entry.actorSchool());
        text(out, entry.actorRegion());
        text(out, entry.dossierId());
        text(out, entry.outcome());
        bytes(out, entry.contentSha256());
        return out.toByteArray();
    }

    static byte[] leaf(byte[] entryBytes) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        return sha.digest(entryBytes);
    }

    static byte[] chain(byte[] previous, byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(previous);
        return sha.digest(leaf);
    }

    static byte[] checkpointBytes(long size, byte[] chainHead, Instant signedAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(80);
        out.writeBytes(CHECKPOINT_LABEL);
        out.write(VERSION);
        writeLong(out, size);
        out.writeBytes(chainHead);
        writeLong(out, micros(signedAt));
        return out.toByteArray();
    }

    static long micros(Instant time) {
        if (time.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("audit times have microsecond precision");
        }
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    private static void text(ByteArrayOutputStream out, String value) {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            out.writeBytes(value);
        }
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
