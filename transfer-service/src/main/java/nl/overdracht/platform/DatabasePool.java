package nl.overdracht.platform;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Makes the PostgreSQL pool that every request and job uses, from Quarkus' settings
 * ({@code quarkus.datasource.reactive.*}) plus the bounds of {@link DatabaseConfig}, which Quarkus
 * has no settings for: the connect and acquire timeouts, the wait queue, the server's
 * {@code statement_timeout} and the connection's own deadline ({@link DatabaseConfig#socketTimeout()}),
 * which {@link ConnectionDeadline} enforces on every connection the pool opens.
 *
 * <p>Idle connections are closed by the pool after half the socket timeout, checked every tenth of
 * it, so that the socket timeout never closes a connection the pool might hand out at that moment.
 * A connection that failed is closed and leaves the pool; the next one is opened afresh, so the
 * service recovers by itself once PostgreSQL is back.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    @Inject
    DatabaseConfig config;

    @Override
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions();
        bound(pool, config);
        for (PgConnectOptions connection : input.pgConnectOptionsList()) {
            bound(connection, config);
        }
        Pool created = PgPool.pool(input.vertx(), input.pgConnectOptionsList(), pool);
        return created.connectHandler(connection -> {
            try {
                ConnectionDeadline.install(connection, config.socketTimeout());
            } finally {
                connection.close();
            }
        });
    }

    static void bound(PoolOptions pool, DatabaseConfig config) {
        int socket = millis(config.socketTimeout());
        pool.setConnectionTimeout(millis(config.acquireTimeout()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(config.maxWaitQueueSize())
                .setPoolCleanerPeriod(Math.max(1, socket / 10));
        int idle = socket / 2;
        long configured = pool.getIdleTimeoutUnit().toMillis(pool.getIdleTimeout());
        if (configured <= 0 || configured > idle) {
            pool.setIdleTimeout(idle).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        }
    }

    static void bound(PgConnectOptions connection, DatabaseConfig config) {
        connection.setConnectTimeout(millis(config.connectTimeout()));
        connection.setIdleTimeout(millis(config.socketTimeout()));
        connection.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        connection.addProperty("statement_timeout", Integer.toString(millis(config.statementTimeout())));
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }
}
