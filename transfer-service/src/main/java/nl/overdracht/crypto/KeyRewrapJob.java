package nl.overdracht.crypto;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;

/**
 * After a key-encryption key rotation ({@code overdracht.crypto.kek-current} names a new version),
 * moves every stored data key still wrapped under an older version to the current one, in the
 * columns each package that stores sealed values names ({@link SealedColumnOwner}). Only the
 * wrapped key and its version change; ciphertext stays as it is. Batches are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances share the work. Each batch is audited
 * ({@code KEY_REWRAPPED}: table, count, versions; never a key). Once no row uses an old version, that version may leave configuration.
 * A purged row has no wrapped key and no version left, so the job passes over it.
 */
@ApplicationScoped
public class KeyRewrapJob {

    private static final AuditActor JOB = AuditActor.system("key-rewrap");

    @Inject
    Pool pool;

    @Inject
    SealedColumnRepository sealed;

    @Inject
    @Any
    Instance<SealedColumnOwner> owners;

    @Inject
    DossierCipher cipher;

    @Inject
    AuditLog audit;

    @Inject
    BackgroundWork work;

    /** Rows re-wrapped per transaction ({@link CryptoConfig#rewrapBatchSize()}). */
    int batchSize;

    @Inject
    void configure(CryptoConfig config) {
        batchSize = config.rewrapBatchSize();
    }

    @Scheduled(every = "${overdracht.crypto.rewrap-interval:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return work.round(BackgroundRound.KEY_REWRAP, this::rewrapAll);
    }

    /** Re-wraps every data key not under the current version; answers how many. */
    public Uni<Integer> rewrapAll() {
        Uni<Integer> total = Uni.createFrom().item(0);
        for (SealedColumns columns : sealedColumns()) {
            total = total.flatMap(sum -> untilDone(columns).map(count -> sum + count));
        }
        return total;
    }

    /** How many data keys wait to be re-wrapped under the current version, over every sealed column. */
    public Uni<Long> backlog(SqlClient client) {
        String current = cipher.currentKeyVersion();
        Uni<Long> total = Uni.createFrom().item(0L);
        for (SealedColumns columns : sealedColumns()) {
            total = total.flatMap(sum -> sealed.countNotUnder(client, columns, current).map(count -> sum + count));
        }
        return total;
    }

    /** What every owning package declares, in table order. */
    List<SealedColumns> sealedColumns() {
        return owners.stream().flatMap(owner -> owner.sealedColumns().stream())
                .sorted(Comparator.comparing(SealedColumns::table).thenComparing(SealedColumns::wrappedKey))
                .toList();
    }

    private Uni<Integer> untilDone(SealedColumns columns) {
        return pool.withTransaction(tx -> batch(tx, columns))
                .flatMap(count -> count < batchSize ? Uni.createFrom().item(count)
                        : untilDone(columns).map(more -> count + more));
    }

    private Uni<Integer> batch(SqlConnection tx, SealedColumns columns) {
        String current = cipher.currentKeyVersion();
        return sealed.lockNotUnder(tx, columns, current, batchSize)
                .flatMap(locked -> {
                    List<SealedColumnRepository.WrappedKey> rewrapped = new ArrayList<>(locked.size());
                    List<String> from = new ArrayList<>();
                    for (SealedColumnRepository.WrappedKey key : locked) {
                        rewrapped.add(new SealedColumnRepository.WrappedKey(key.rowRef(),
                                cipher.rewrapKey(key.wrappedKey(), key.keyVersion()), current));
                        if (!from.contains(key.keyVersion())) {
                            from.add(key.keyVersion());
                        }
                    }
                    if (rewrapped.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return sealed.update(tx, columns, rewrapped)
                            .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.KEY_REWRAPPED, JOB, null,
                                    "rewrapped:" + columns.table() + ":" + rewrapped.size() + ":" + String.join("+", from)
                                            + ":to:" + current, null)))
                            .replaceWith(rewrapped.size());
                });
    }
}
