package nl.overdracht.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The canonical encodings the audit chain and its checkpoints are computed over. This is a wire
 * format: the standalone verifier ({@code audit-verifier}) implements it byte for byte, and both
 * are pinned by the same golden vectors. Never change it; a new format gets a new version byte.
 *
 * <p><b>Entry</b> (all integers big-endian):
 * <pre>
 * u8    0x01                 format version
 * i64   seq
 * i64   recordedAt           microseconds since 1970-01-01T00:00:00Z
 * field action               the AuditAction name
 * field actor subject
 * field actor role
 * field actor school         nullable
 * field actor region         nullable
 * field dossier id           nullable; lower-case hyphenated UUID text
 * field outcome
 * field content SHA-256      nullable; the 32 raw bytes
 * </pre>
 * where a {@code field} is an i32 length followed by that many bytes (text as UTF-8), and a null is
 * the length -1 ({@code ffffffff}) with no bytes.
 *
 * <p><b>Hashes</b>: {@code leaf = SHA-256(0x00 ‖ entry)}; {@code chain = SHA-256(0x01 ‖ previous
 * chain ‖ leaf)}, where the chain before seq 1 is 32 zero bytes. The chain value of entry n is the
 * chain head after n entries.
 *
 * <p><b>Checkpoint</b>: the 27 ASCII bytes {@code overdracht-audit-checkpoint}, u8 0x01, i64 size,
 * the 32-byte chain head, i64 signedAt in microseconds since the epoch; signed with
 * SHA256withRSA (PKCS#1 v1.5) or SHA256withECDSA (DER signature) by Overdracht's signing key.
 */
public final class AuditCanonical {

    public static final int HASH_LENGTH = 32;
    static final byte VERSION = 1;
    static final byte[] CHECKPOINT_LABEL = "overdracht-audit-checkpoint".getBytes(StandardCharsets.US_ASCII);

    private AuditCanonical() {
    }

    /** The chain value before the first entry. */
    public static byte[] genesis() {
        return new byte[HASH_LENGTH];
    }

    /** Times are kept to the microsecond, as PostgreSQL stores them. */
    public static Instant truncate(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] entryBytes(long seq, Instant recordedAt, AuditRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(VERSION);
        writeLong(out, seq);
        writeLong(out, micros(recordedAt));
        field(out, record.action().name());
        field(out, record.actor().subject());
        field(out, record.actor().role());
        field(out, record.actor().school());
        field(out, record.actor().region());
        field(out, record.dossierId() == null ? null : record.dossierId().toString());
        field(out, record.outcome());
        field(out, record.contentSha256());
        return out.toByteArray();
    }

    public static byte[] leaf(byte[] entryBytes) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        return sha.digest(entryBytes);
    }

    public static byte[] chain(byte[] previousChain, byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(previousChain);
        return sha.digest(leaf);
    }

    public static byte[] checkpointBytes(long size, byte[] chainHead, Instant signedAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(80);
        out.writeBytes(CHECKPOINT_LABEL);
        out.write(VERSION);
        writeLong(out, size);
        out.writeBytes(chainHead);
        writeLong(out, micros(signedAt));
        return out.toByteArray();
    }

    static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    private static void field(ByteArrayOutputStream out, String text) {
        field(out, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        if (bytes == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
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
