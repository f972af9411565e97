package nl.overdracht.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs CPU-bound work (parsing and inspecting a dossier of up to 16 MB, sealing and opening,
 * redacting and CMS packaging) on a pool with one thread per core, never on a Vert.x event loop,
 * which must stay free for I/O. The result is handed back on the caller's Vert.x context, so what
 * follows (SQL in the caller's transaction) runs where it would have run anyway.
 */
@ApplicationScoped
public class CpuWork {

    private final ExecutorService pool;

    public CpuWork() {
        AtomicInteger count = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "overdracht-cpu-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code work} on the pool; its item or failure is emitted on the calling Vert.x context, if there is one. */
    public <T> Uni<T> run(Supplier<T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> done = Uni.createFrom().item(work).runSubscriptionOn(pool);
        return caller == null ? done : done.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
