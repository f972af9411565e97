package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import nl.overdracht.crypto.SigningIdentity;

/**
 * Recomputes the chain over a range of the stored log, from the stored chain value before it (or
 * from the genesis value at seq 1), and checks the signed checkpoints in it.
 */
@ApplicationScoped
class AuditVerification {

    static final int PAGE = 2000;

    @Inject
    AuditRepository entries;

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    SigningIdentity identity;

    /** @param from first seq, null for 1; @param to last seq, null for the current size */
    Uni<ChainCheck.Verification> verify(Long from, Long to) {
        long start = from == null ? 1 : from;
        return (to == null ? entries.size() : Uni.createFrom().item(to)).flatMap(end -> {
            if (end < start) {
                return Uni.createFrom().item(new ChainCheck.Verification(true, 0, null, null));
            }
            Uni<byte[]> previous = start == 1 ? Uni.createFrom().item(AuditCanonical.genesis())
                    : entries.chainAt(start - 1);
            return previous.flatMap(chain -> chain == null
                    ? Uni.createFrom().item(ChainCheck.failed(start - 1, ChainCheck.MISSING))
                    : checkpoints.between(start, end).flatMap(signed -> walk(
                            new ChainCheck(start, chain, signed, identity.certificate().getPublicKey()), end)));
        });
    }

    private Uni<ChainCheck.Verification> walk(ChainCheck check, long end) {
        long next = check.expected();
        return entries.range(next, end, PAGE).flatMap(rows -> {
            rows.forEach(row -> offer(check, row));
            if (check.done() || rows.size() < PAGE) {
                return Uni.createFrom().item(check.finish(end));
            }
            return walk(check, end);
        });
    }

    private static void offer(ChainCheck check, AuditRepository.StoredEntry entry) {
        check.entry(entry.seq(), entry.recordedAt(), entry.record(), entry.leaf(), entry.chain());
    }
}
