package nl.overdracht.audit;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Walks a contiguous range of entries in seq order, recomputing every leaf and chain value from
 * the entry's fields and checking each checkpoint that falls in the range; stops at the first bad
 * sequence number. The standalone verifier does the same over an export.
 */
final class ChainCheck {

    /**
     * The outcome of a check.
     *
     * @param checked how many entries were found good before the first bad one (or in all)
     * @param firstBadSequence the first seq that is missing, altered or contradicts a checkpoint; null when valid
     * @param reason why that seq is bad; null when valid
     */
    @Schema(name = "Verification", requiredProperties = {"valid", "checked", "firstBadSequence", "reason"})
    record Verification(boolean valid, long checked, @Schema(nullable = true) Long firstBadSequence,
            @Schema(nullable = true) String reason) {
    }

    static final String MISSING = "entry missing: the sequence has a gap";
    static final String MALFORMED = "entry does not hold valid fields";
    static final String LEAF = "entry content does not match its leaf hash";
    static final String CHAIN = "chain value does not follow from the previous chain and the leaf";
    static final String CHECKPOINT_HEAD = "a signed checkpoint names another chain head at this size";
    static final String CHECKPOINT_SIGNATURE = "the checkpoint at this size has an invalid signature";

    private final Map<Long, Checkpoint> checkpoints = new HashMap<>();
    private final PublicKey key;
    private long expected;
    private byte[] chain;
    private long checked;
    private Long bad;
    private String reason;

    ChainCheck(long from, byte[] previousChain, List<Checkpoint> checkpoints, PublicKey key) {
        this.expected = from;
        this.chain = previousChain;
        this.key = key;
        checkpoints.forEach(c -> this.checkpoints.put(c.size(), c));
    }

    /** A check that fails before it starts, at {@code seq}. */
    static Verification failed(long seq, String reason) {
        return new Verification(false, 0, seq, reason);
    }

    boolean done() {
        return bad != null;
    }

    long expected() {
        return expected;
    }

    /** Takes the next stored entry; {@code record} is null when the stored fields are not a valid record. */
    void entry(long seq, Instant recordedAt, AuditRecord record, byte[] leaf, byte[] storedChain) {
        if (done()) {
            return;
        }
        if (seq != expected) {
            fail(expected, MISSING);
            return;
        }
        if (record == null) {
            fail(seq, MALFORMED);
            return;
        }
        byte[] computedLeaf = AuditCanonical.leaf(AuditCanonical.entryBytes(seq, recordedAt, record));
        if (!Arrays.equals(computedLeaf, leaf)) {
            fail(seq, LEAF);
            return;
        }
        byte[] computedChain = AuditCanonical.chain(chain, computedLeaf);
        if (!Arrays.equals(computedChain, storedChain)) {
            fail(seq, CHAIN);
            return;
        }
        Checkpoint checkpoint = checkpoints.get(seq);
        if (checkpoint != null) {
            if (!CheckpointSignatures.valid(checkpoint, key)) {
                fail(seq, CHECKPOINT_SIGNATURE);
                return;
            }
            if (!Arrays.equals(checkpoint.chainHead(), computedChain)) {
                fail(seq, CHECKPOINT_HEAD);
                return;
            }
        }
        chain = computedChain;
        checked++;
        expected++;
    }

    /** The result once every entry up to {@code to} was offered. */
    Verification finish(long to) {
        if (!done() && expected <= to) {
            fail(expected, MISSING);
        }
        return new Verification(!done(), checked, bad, reason);
    }

    private void fail(long seq, String why) {
        bad = seq;
        reason = why;
    }
}
