package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads of the chained log for the auditor and disclosure APIs: filtered pages of entries and of
 * checkpoints. The SQL is in {@link AuditRepository} and {@link CheckpointRepository}.
 */
@ApplicationScoped
class AuditQueries {

    /**
     * Which entries to list. Every field but {@code cursor} and {@code limit} is optional (null).
     *
     * @param region only the entries in which a school of this region takes part
     *     ({@link AuditRepository#IN_REGION}); null for the entries of every region
     * @param school the actor's school
     * @param from recorded at or after; @param to recorded before
     * @param cursor only entries with a seq above this one
     */
    record Filter(String region, UUID dossier, String school, AuditAction action, Instant from, Instant to,
            long cursor, int limit) {
    }

    /** A page of results and the cursor for the next one, null on the last page. */
    record Page<T>(List<T> items, Long next) {

        /**
         * The page in {@code rows}, read with a limit of {@code limit + 1}: the first {@code limit}
         * mapped, and when there is one more, the key of the last as the next cursor.
         */
        static <R, T> Page<T> of(Iterable<R> rows, int limit, Function<R, T> map, Function<T, Long> key) {
            List<T> items = new ArrayList<>();
            for (R row : rows) {
                if (items.size() == limit) {
                    return new Page<>(items, key.apply(items.get(items.size() - 1)));
                }
                items.add(map.apply(row));
            }
            return new Page<>(items, null);
        }
    }

    @Inject
    AuditRepository entries;

    @Inject
    CheckpointRepository checkpoints;

    Uni<Page<AuditEntry>> entries(Filter filter) {
        return entries.entries(filter);
    }

    Uni<Page<Checkpoint>> checkpoints(long cursor, int limit) {
        return checkpoints.page(cursor, limit);
    }
}
