package nl.overdracht.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Rows a package keeps for a period and then lets go, declared by the package that owns them and
 * pruned by {@link Housekeeping}.
 */
public interface Prunable {

    /** What the rows are, for the log: "published outbox events". */
    String what();

    /**
     * Deletes up to {@code limit} rows whose period ended by {@code now}, in a statement of its own;
     * answers how many it deleted.
     */
    Uni<Integer> prune(Instant now, int limit);

    /**
     * The SQL condition of a row whose {@code column} lies more than a period before now, with
     * {@code $1} now on the service's clock, {@code $2} the period in seconds: now is the earlier of
     * the service's and the database's clocks, so a clock running ahead never prunes early.
     */
    static String olderThan(String column) {
        return column + " < LEAST($1, now()) - make_interval(secs => $2)";
    }

    /** The arguments of {@link #olderThan}, then {@code $3} the limit. */
    static Tuple arguments(Instant now, Duration period, int limit) {
        return Tuple.of(now.atOffset(ZoneOffset.UTC), (double) period.toSeconds(), limit);
    }
}
