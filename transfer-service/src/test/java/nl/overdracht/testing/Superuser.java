package nl.overdracht.testing;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The test database as the PostgreSQL superuser {@value #ROLE}: for the few tests that act behind the
 * service's back, such as tampering with the audit log to prove the tampering is found. Every other
 * test reads and writes as the service does, as {@code overdracht_app}, through the injected pool.
 */
public final class Superuser {

    /** The embedded server's superuser; it trusts local connections, so the password is not checked. */
    public static final String ROLE = "postgres";

    private static Vertx poolVertx;
    private static Pool pool;

    private Superuser() {
    }

    /**
     * A small pool to the service's database as {@value #ROLE}, on the running service's Vert.x; one
     * per service start.
     */
    public static synchronized Pool pool() {
        Vertx vertx = Arc.container().instance(Vertx.class).get();
        if (pool == null || poolVertx != vertx) {
            String url = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class);
            PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(ROLE).setPassword(ROLE);
            pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options)
                    .using(vertx.getDelegate()).build());
            poolVertx = vertx;
        }
        return pool;
    }
}
