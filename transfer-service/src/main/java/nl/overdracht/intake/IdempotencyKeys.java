package nl.overdracht.intake;

import nl.overdracht.platform.Bytea;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;

/**
 * {@code Idempotency-Key}: the first answer to a key is kept with a hash of its request, and a
 * retry with the same key and request gets that answer again. The same key with another request
 * is a 409. Keys are per school.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** The key was taken by a concurrent request that committed first; its answer is the one to give. */
    static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
    }

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** The answer given earlier for this key, if there was one. */
    Uni<Optional<DossierStatus>> find(SqlClient client, String school, String key, byte[] requestHash) {
        return client.preparedQuery("SELECT request_sha256, response FROM idempotency_key "
                + "WHERE school = $1 AND idempotency_key = $2")
                .execute(Tuple.of(school, key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    var row = rows.iterator().next();
                    if (!MessageDigest.isEqual(row.getBuffer("request_sha256").getBytes(), requestHash)) {
                        throw new ApiException(ProblemType.CONFLICT,
                                "This Idempotency-Key was used for a different request; use a new key.");
                    }
                    return Optional.of(read(row.getJsonObject("response")));
                });
    }

    /** Keeps the answer for this key in {@code tx}; fails with {@link Taken} when a concurrent request has the key. */
    Uni<Void> remember(SqlConnection tx, String school, String key, byte[] requestHash, DossierStatus status) {
        return tx.preparedQuery("INSERT INTO idempotency_key (school, idempotency_key, request_sha256, status, response, "
                + "created_at) VALUES ($1, $2, $3, 201, $4, $5) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(school, key, Bytea.of(requestHash), write(status),
                        clock.instant().atOffset(ZoneOffset.UTC)))
                .flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new Taken()));
    }

    private JsonObject write(DossierStatus status) {
        try {
            return new JsonObject(json.writeValueAsString(status));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a dossier status could not be written", e);
        }
    }

    private DossierStatus read(JsonObject stored) {
        try {
            return json.readValue(stored.encode(), DossierStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer could not be read", e);
        }
    }
}
