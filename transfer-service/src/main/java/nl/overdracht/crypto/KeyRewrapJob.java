package nl.overdracht.crypto;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.platform.Bytea;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * After a key-encryption key rotation ({@code overdracht.crypto.kek-current} names a new version),
 * moves every stored data key still wrapped under an older version to the current one: dossier
 * revisions, pupil ids of dossiers and enrolments, inspection reasons. Only the wrapped key and its
 * version change; ciphertext stays as it is. Batches are taken with {@code FOR UPDATE SKIP LOCKED},
 * so several instances share the work. Each batch is audited ({@code KEY_REWRAPPED}: table, count,
 * versions; never a key). Once no row uses an old version, that version may leave configuration.
 * A purged row has no wrapped key and no version left, so the job passes over it.
 */
@ApplicationScoped
public class KeyRewrapJob {

    private static final Logger LOG = Logger.getLogger(KeyRewrapJob.class);
    private static final AuditActor JOB = AuditActor.system("key-rewrap");

    /** A table holding sealed fields: where the wrapped key and its version live. */
    record SealedColumns(String table, String wrappedKey, String keyVersion) {
    }

    static final List<SealedColumns> SEALED = List.of(
            new SealedColumns("dossier_revision", "wrapped_key", "key_version"),
            new SealedColumns("dossier", "pupil_id_wrapped_key", "pupil_id_key_version"),
            new SealedColumns("enrolment", "pupil_id_wrapped_key", "pupil_id_key_version"),
            new SealedColumns("inspection", "reason_wrapped_key", "reason_key_version"));

    @Inject
    Pool pool;

    @Inject
    DossierCipher cipher;

    @Inject
    AuditLog audit;

    /** Rows re-wrapped per transaction. */
    @ConfigProperty(name = "overdracht.crypto.rewrap-batch-size", defaultValue = "200")
    int batchSize;

    @Scheduled(every = "${overdracht.crypto.rewrap-interval:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return rewrapAll().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Key re-wrap round failed (%s); it retries on the next round", failure.getClass().getSimpleName());
            return 0;
        }).replaceWithVoid();
    }

    /** Re-wraps every data key not under the current version; answers how many. */
    public Uni<Integer> rewrapAll() {
        Uni<Integer> total = Uni.createFrom().item(0);
        for (SealedColumns columns : SEALED) {
            total = total.flatMap(sum -> untilDone(columns).map(count -> sum + count));
        }
        return total;
    }

    private Uni<Integer> untilDone(SealedColumns columns) {
        return pool.withTransaction(tx -> batch(tx, columns))
                .flatMap(count -> count < batchSize ? Uni.createFrom().item(count)
                        : untilDone(columns).map(more -> count + more));
    }

    private Uni<Integer> batch(SqlConnection tx, SealedColumns c) {
        String current = cipher.currentKeyVersion();
        return tx.preparedQuery("SELECT ctid::text AS row_ref, " + c.wrappedKey() + " AS wrapped, " + c.keyVersion()
                        + " AS version FROM " + c.table() + " WHERE " + c.wrappedKey() + " IS NOT NULL AND "
                        + c.keyVersion() + " <> $1 LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(current, batchSize))
                .flatMap(rows -> {
                    List<Tuple> updates = new ArrayList<>();
                    List<String> from = new ArrayList<>();
                    for (Row row : rows) {
                        String version = row.getString("version");
                        byte[] rewrapped = cipher.rewrapKey(row.getBuffer("wrapped").getBytes(), version);
                        updates.add(Tuple.of(Bytea.of(rewrapped), current, row.getString("row_ref")));
                        if (!from.contains(version)) {
                            from.add(version);
                        }
                    }
                    if (updates.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return tx.preparedQuery("UPDATE " + c.table() + " SET " + c.wrappedKey() + " = $1, "
                                    + c.keyVersion() + " = $2 WHERE ctid = $3::tid")
                            .executeBatch(updates)
                            .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.KEY_REWRAPPED, JOB, null,
                                    "rewrapped:" + c.table() + ":" + updates.size() + ":" + String.join("+", from)
                                            + ":to:" + current, null)))
                            .replaceWith(updates.size());
                });
    }
}
