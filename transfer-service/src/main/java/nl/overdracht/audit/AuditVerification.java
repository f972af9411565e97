package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
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
    AuditQueries queries;

    @Inject
    SigningIdentity identity;

    /** @param from first seq, null for 1; @param to last seq, null for the current size */
    Uni<ChainCheck.Verification> verify(Long from, Long to) {
        long start = from == null ? 1 : from;
        return (to == null ? queries.size() : Uni.createFrom().item(to)).flatMap(end -> {
            if (end < start) {
                return Uni.createFrom().item(new ChainCheck.Verification(true, 0, null, null));
            }
            Uni<byte[]> previous = start == 1 ? Uni.createFrom().item(AuditCanonical.genesis())
                    : queries.chainAt(start - 1);
            return previous.flatMap(chain -> chain == null
                    ? Uni.createFrom().item(ChainCheck.failed(start - 1, ChainCheck.MISSING))
                    : queries.checkpointsBetween(start, end).flatMap(checkpoints -> walk(
                            new ChainCheck(start, chain, checkpoints, identity.certificate().getPublicKey()), end)));
        });
    }

    private Uni<ChainCheck.Verification> walk(ChainCheck check, long end) {
        long next = check.expected();
        return queries.range(next, end, PAGE).flatMap(rows -> {
            rows.forEach(row -> offer(check, row));
            if (check.done() || rows.size() < PAGE) {
                return Uni.createFrom().item(check.finish(end));
            }
            return walk(check, end);
        });
    }

    private static void offer(ChainCheck check, Row row) {
        AuditRecord record;
        try {
            record = AuditRows.record(row);
        } catch (IllegalArgumentException | NullPointerException e) {
            record = null;
        }
        check.entry(row.getLong("seq"), AuditRows.recordedAt(row), record, AuditRows.bytes(row, "leaf"),
                AuditRows.bytes(row, "chain"));
    }
}
