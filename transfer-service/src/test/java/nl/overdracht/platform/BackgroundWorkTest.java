package nl.overdracht.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the service stops, its background work stops starting rounds, pauses the scheduler and the
 * consumer channels, and waits for what is in progress; what outlasts the wait is abandoned quietly.
 */
class BackgroundWorkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicBoolean schedulerPaused = new AtomicBoolean();
    private final AtomicBoolean channelPaused = new AtomicBoolean();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private BackgroundWork work;

    @BeforeEach
    void work() {
        work = new BackgroundWork();
        work.scheduler = stub(Scheduler.class, (method, args) -> {
            if (method.equals("pause") && args == null) {
                schedulerPaused.set(true);
            }
            return null;
        });
        PausableChannel channel = stub(PausableChannel.class, (method, args) -> {
            if (method.equals("pause")) {
                channelPaused.set(true);
            }
            return null;
        });
        work.channels = stub(ChannelRegistry.class, (method, args) -> switch (method) {
            case "getIncomingNames" -> Set.of("dossier-events");
            case "getPausable" -> channel;
            default -> null;
        });
        work.stopTimeout = WAIT;
        Logger.getLogger(BackgroundWork.class.getName()).addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger(BackgroundWork.class.getName()).removeHandler(capture);
    }

    @Test
    void the_stop_pauses_the_scheduler_and_the_channels_and_waits_for_the_round_in_progress() {
        // Given a round in progress
        CompletableFuture<Integer> round = new CompletableFuture<>();
        CompletableFuture<Void> ended = work.round("Test round", () -> Uni.createFrom().completionStage(round))
                .subscribeAsCompletionStage().toCompletableFuture();

        // When the service stops
        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> work.stop(new ShutdownDelayInitiatedEvent()));

        // Then the scheduler and the channels are paused, and the stop waits for the round
        Awaitility.await().atMost(WAIT).until(() -> schedulerPaused.get() && channelPaused.get());
        assertThat(stop).isNotDone();
        round.complete(3);
        Awaitility.await().atMost(WAIT).until(stop::isDone);
        assertThat(ended).isCompleted();
    }

    @Test
    void once_stopping_no_round_starts() {
        work.stop(new ShutdownDelayInitiatedEvent());
        AtomicBoolean started = new AtomicBoolean();

        work.round("Test round", () -> {
            started.set(true);
            return Uni.createFrom().item(1);
        }).await().atMost(WAIT);

        assertThat(started).isFalse();
    }

    @Test
    void a_message_handed_over_while_stopping_is_still_handled_and_waited_for() {
        // Given a stop under way, held up by a round in progress
        CompletableFuture<Integer> round = new CompletableFuture<>();
        work.round("Test round", () -> Uni.createFrom().completionStage(round)).subscribe().with(done -> { });
        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> work.stop(new ShutdownDelayInitiatedEvent()));
        Awaitility.await().atMost(WAIT).until(work::stopping);

        // When a message arrives that the channel handed over before it was paused
        CompletableFuture<String> handling = new CompletableFuture<>();
        CompletableFuture<String> handled = work.handling(() -> Uni.createFrom().completionStage(handling))
                .subscribeAsCompletionStage().toCompletableFuture();
        round.complete(1);

        // Then it is handled, and the stop waits for it too
        assertThat(stop).isNotDone();
        handling.complete("done");
        Awaitility.await().atMost(WAIT).until(stop::isDone);
        assertThat(handled).isCompletedWithValue("done");
    }

    @Test
    void a_round_that_outlasts_the_wait_is_abandoned_with_one_line_and_no_warning() {
        // Given a round that does not end within the wait
        work.stopTimeout = Duration.ofMillis(100);
        CompletableFuture<Integer> round = new CompletableFuture<>();
        CompletableFuture<Void> ended = work.round("Test round", () -> Uni.createFrom().completionStage(round))
                .subscribeAsCompletionStage().toCompletableFuture();

        // When the service stops, and the pool closes under the round afterwards
        work.stop(new ShutdownDelayInitiatedEvent());
        round.completeExceptionally(new IllegalStateException("Pool closed"));

        // Then the round ends without failing, logged as abandoned, below WARN, without the exception
        assertThat(ended).isCompleted();
        assertThat(logged).noneMatch(record -> record.getLevel().intValue() >= Level.WARNING.intValue());
        assertThat(logged).anyMatch(record -> record.getMessage().contains("abandoned as the service stops")
                && record.getThrown() == null);
    }

    @Test
    void a_round_that_fails_while_running_is_a_warning_naming_the_failure_only() {
        work.round("Test round", () -> Uni.createFrom().failure(new IllegalStateException("the database is away")))
                .await().atMost(WAIT);

        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getThrown()).isNull();
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T stub(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
