package nl.overdracht.intake;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.HousekeepingConfig;
import nl.overdracht.platform.Prunable;
import nl.overdracht.platform.ProblemType;

/**
 * {@code Idempotency-Key}: the first answer to a key is kept with a hash of its request, and a
 * retry with the same key and request gets that answer again. The same key with another request
 * is a 409. Keys are per school, and kept for {@code overdracht.housekeeping.idempotency-keys}
 * (seven days unless configured): a retry within that period gets the first answer; afterwards the
 * housekeeping round forgets the key.
 */
@ApplicationScoped
public class IdempotencyKeys implements Prunable {

    /** The key was taken by a concurrent request that committed first; its answer is the one to give. */
    static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
    }

    @Inject
    IdempotencyKeyRepository keys;

    @Inject
    Clock clock;

    @Inject
    Pool pool;

    @Inject
    HousekeepingConfig housekeeping;

    /** The answer given earlier for this key, if there was one. */
    Uni<Optional<DossierStatus>> find(SqlClient client, String school, String key, byte[] requestHash) {
        return keys.find(client, school, key).map(stored -> stored.map(answer -> {
            if (!MessageDigest.isEqual(answer.requestSha256(), requestHash)) {
                throw new ApiException(ProblemType.CONFLICT,
                        "This Idempotency-Key was used for a different request; use a new key.");
            }
            return answer.response();
        }));
    }

    /** Keeps the answer for this key in {@code tx}; fails with {@link Taken} when a concurrent request has the key. */
    Uni<Void> remember(SqlConnection tx, String school, String key, byte[] requestHash, DossierStatus status) {
        return keys.insert(tx, school, key, requestHash, status, clock.instant())
                .flatMap(inserted -> inserted ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new Taken()));
    }

    @Override
    public String what() {
        return "idempotency keys";
    }

    @Override
    public Uni<Integer> prune(Instant now, int limit) {
        return keys.deleteOlderThan(pool, now, housekeeping.idempotencyKeys(), limit);
    }
}
