package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.overdracht.platform.Bytea;

/** The SQL of {@code audit_checkpoint}: signed checkpoints are appended and read, never changed. */
@ApplicationScoped
class CheckpointRepository {

    private static final String COLUMNS = "size, chain_head, signed_at, algorithm, signature";

    /** Where the last checkpoint stands: the chain size it covers and when it was signed. */
    record Position(long size, Instant signedAt) {
    }

    @Inject
    Pool pool;

    /** The size and time of the checkpoint with the largest size; empty before the first. */
    Uni<Optional<Position>> lastPosition(SqlClient tx) {
        return tx.query("SELECT size, signed_at FROM audit_checkpoint ORDER BY size DESC LIMIT 1").execute()
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row last = rows.iterator().next();
                    return Optional.of(new Position(last.getLong("size"),
                            last.getOffsetDateTime("signed_at").toInstant()));
                });
    }

    Uni<Void> insert(SqlClient tx, Checkpoint checkpoint) {
        return tx.preparedQuery("INSERT INTO audit_checkpoint (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.from(Arrays.asList(checkpoint.size(), Bytea.of(checkpoint.chainHead()),
                        OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC), checkpoint.algorithm(),
                        Bytea.of(checkpoint.signature()))))
                .replaceWithVoid();
    }

    /** The checkpoint with the largest size; empty before the first. */
    Uni<Optional<Checkpoint>> latest() {
        return pool.query("SELECT " + COLUMNS + " FROM audit_checkpoint ORDER BY size DESC LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? Optional.<Checkpoint>empty()
                        : Optional.of(checkpoint(rows.iterator().next())));
    }

    /** Checkpoints with a size above {@code cursor}, in size order, a page of at most {@code limit}. */
    Uni<AuditQueries.Page<Checkpoint>> page(long cursor, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_checkpoint WHERE size > $1 ORDER BY size LIMIT $2")
                .execute(Tuple.of(cursor, limit + 1))
                .map(rows -> AuditQueries.Page.of(rows, limit, CheckpointRepository::checkpoint, Checkpoint::size));
    }

    /** Checkpoints with from ≤ size ≤ to, in size order. */
    Uni<List<Checkpoint>> between(long from, long to) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_checkpoint WHERE size BETWEEN $1 AND $2 ORDER BY size")
                .execute(Tuple.of(from, to))
                .map(rows -> {
                    List<Checkpoint> list = new ArrayList<>(rows.size());
                    rows.forEach(row -> list.add(checkpoint(row)));
                    return list;
                });
    }

    private static Checkpoint checkpoint(Row row) {
        return new Checkpoint(row.getLong("size"), AuditRepository.bytes(row, "chain_head"),
                row.getOffsetDateTime("signed_at").toInstant(), row.getString("algorithm"),
                AuditRepository.bytes(row, "signature"));
    }
}
