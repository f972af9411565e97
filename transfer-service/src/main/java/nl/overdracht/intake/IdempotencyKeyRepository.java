package nl.overdracht.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import nl.overdracht.platform.Bytea;
import nl.overdracht.platform.Prunable;

/**
 * The SQL of {@code idempotency_key}: per school and key, the hash of the first request and the
 * answer it got. Whether a retry gets that answer is {@link IdempotencyKeys}'s to decide.
 */
@ApplicationScoped
class IdempotencyKeyRepository {

    /** The first request's hash and the answer it got. */
    record StoredAnswer(byte[] requestSha256, DossierStatus response) {
    }

    @Inject
    ObjectMapper json;

    Uni<Optional<StoredAnswer>> find(SqlClient client, String school, String key) {
        return client.preparedQuery("SELECT request_sha256, response FROM idempotency_key "
                + "WHERE school = $1 AND idempotency_key = $2")
                .execute(Tuple.of(school, key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    var row = rows.iterator().next();
                    return Optional.of(new StoredAnswer(row.getBuffer("request_sha256").getBytes(),
                            read(row.getJsonObject("response"))));
                });
    }

    /** Inserts the answer (given with status 201) for this key; false when the key is there already. */
    Uni<Boolean> insert(SqlConnection tx, String school, String key, byte[] requestHash, DossierStatus status,
            Instant createdAt) {
        return tx.preparedQuery("INSERT INTO idempotency_key (school, idempotency_key, request_sha256, status, response, "
                + "created_at) VALUES ($1, $2, $3, 201, $4, $5) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(school, key, Bytea.of(requestHash), write(status), createdAt.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Deletes up to {@code limit} keys first answered more than {@code period} before {@code now}. */
    Uni<Integer> deleteOlderThan(SqlClient client, Instant now, Duration period, int limit) {
        return client.preparedQuery("DELETE FROM idempotency_key WHERE ctid = ANY(ARRAY(SELECT ctid FROM idempotency_key "
                        + "WHERE " + Prunable.olderThan("created_at") + " LIMIT $3))")
                .execute(Prunable.arguments(now, period, limit))
                .map(SqlResult::rowCount);
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
