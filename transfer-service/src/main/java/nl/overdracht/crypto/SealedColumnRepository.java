package nl.overdracht.crypto;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import nl.overdracht.platform.Bytea;

/**
 * The SQL of the key re-wrap over any {@link SealedColumns}: rows are addressed by their
 * {@code ctid} within the transaction that locked them, so that one query fits every table.
 */
@ApplicationScoped
class SealedColumnRepository {

    /**
     * A wrapped data key in a row.
     *
     * @param rowRef the row's {@code ctid}, valid only within the transaction that locked it
     */
    record WrappedKey(String rowRef, byte[] wrappedKey, String keyVersion) {
    }

    /**
     * Locks up to {@code limit} rows of {@code columns.table()} whose key is wrapped under another
     * version than {@code version}, skipping rows another transaction holds; a purged row (no
     * wrapped key) is passed over.
     */
    Uni<List<WrappedKey>> lockNotUnder(SqlConnection tx, SealedColumns columns, String version, int limit) {
        return tx.preparedQuery("SELECT ctid::text AS row_ref, " + columns.wrappedKey() + " AS wrapped, "
                        + columns.keyVersion() + " AS version FROM " + columns.table() + " WHERE "
                        + columns.wrappedKey() + " IS NOT NULL AND " + columns.keyVersion()
                        + " <> $1 LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(version, limit))
                .map(rows -> {
                    List<WrappedKey> keys = new ArrayList<>(rows.size());
                    rows.forEach(row -> keys.add(new WrappedKey(row.getString("row_ref"),
                            row.getBuffer("wrapped").getBytes(), row.getString("version"))));
                    return keys;
                });
    }

    /** How many rows of {@code columns.table()} have a key wrapped under another version than {@code version}. */
    Uni<Long> countNotUnder(SqlClient client, SealedColumns columns, String version) {
        return client.preparedQuery("SELECT count(*) AS n FROM " + columns.table() + " WHERE " + columns.wrappedKey()
                        + " IS NOT NULL AND " + columns.keyVersion() + " <> $1")
                .execute(Tuple.of(version))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Writes each row's new wrapped key and version, by the row reference {@link #lockNotUnder} gave. */
    Uni<Void> update(SqlConnection tx, SealedColumns columns, List<WrappedKey> rewrapped) {
        return tx.preparedQuery("UPDATE " + columns.table() + " SET " + columns.wrappedKey() + " = $1, "
                        + columns.keyVersion() + " = $2 WHERE ctid = $3::tid")
                .executeBatch(rewrapped.stream()
                        .map(key -> Tuple.of(Bytea.of(key.wrappedKey()), key.keyVersion(), key.rowRef()))
                        .toList())
                .replaceWithVoid();
    }
}
