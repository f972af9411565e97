package nl.overdracht.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes committed outbox events to Kafka, oldest first, keyed by aggregate id, and marks them
 * published once the broker acknowledged them (at least once: a crash between the two publishes
 * again, and consumers are idempotent).
 *
 * <p>One relay publishes at a time across all instances (a transaction-scoped advisory lock), so
 * the events of one dossier reach its partition in the order they were written.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The advisory lock key that elects the one publishing relay. */
    static final long RELAY_LOCK = 0x6f7574626f78L;

    /** The relay producer's client id: its metrics carry it as the {@code client.id} tag. */
    static final String CLIENT_ID = "overdracht-outbox-relay";

    @Inject
    Pool pool;

    @Inject
    OutboxRepository events;

    @Inject
    Clock clock;

    /** Every {@code kafka.*} setting (bootstrap servers, security protocol, SASL, TLS stores), as the consumers get them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    MeterRegistry registry;

    @Inject
    BackgroundWork work;

    private volatile KafkaClientMetrics producerMetrics;

    /** The topic events are published to ({@link OutboxConfig#topic()}). */
    String topic;

    /** Events published per transaction ({@link OutboxConfig#batchSize()}). */
    int batchSize;

    private Duration publishTimeout;
    private Duration backoffInitial;
    private Duration backoffMax;

    @Inject
    void configure(OutboxConfig config) {
        topic = config.topic();
        batchSize = config.batchSize();
        publishTimeout = config.publishTimeout();
        backoffInitial = config.backoffInitial();
        backoffMax = config.backoffMax();
    }

    private volatile Producer<String, String> producer;

    /** What the rounds have come to, for the readiness check; a round's end replaces it. */
    private final AtomicReference<RelayState> state = new AtomicReference<>();

    @PostConstruct
    void starting() {
        state.set(new RelayState.Starting(clock.instant()));
    }

    @Scheduled(every = "${overdracht.outbox.poll-interval:0.2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    Uni<Void> tick() {
        if (state.get() instanceof RelayState.Failing failing
                && clock.instant().isBefore(failing.nextRound(backoffInitial, backoffMax))) {
            return Uni.createFrom().voidItem(); // backing off after failed rounds
        }
        return work.round(BackgroundRound.OUTBOX_RELAY, this::publishPending);
    }

    /**
     * Publishes everything committed and unpublished now (a round); answers how many events it
     * published: none when another instance holds the relay lock.
     */
    public Uni<Integer> publishPending() {
        return publishAll()
                .invoke(count -> state.updateAndGet(current -> current.succeeded(clock.instant())))
                .onFailure().invoke(failure -> {
                    state.updateAndGet(current -> current.failed(clock.instant(), PublishFailure.reason(failure)));
                    if (PublishFailure.fromKafka(failure)) {
                        discardProducer();
                    }
                });
    }

    /** How this relay's rounds have gone: the last one's outcome, since when it publishes or fails. */
    RelayState state() {
        return state.get();
    }

    private Uni<Integer> publishAll() {
        return publishBatch().flatMap(count -> count < batchSize
                ? Uni.createFrom().item(count)
                : publishAll().map(more -> count + more));
    }

    private Uni<Integer> publishBatch() {
        return pool.withTransaction(tx -> events.tryTransactionLock(tx, RELAY_LOCK)
                .flatMap(leader -> leader
                        ? publishBatch(tx)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch(SqlConnection tx) {
        return events.unpublished(tx, batchSize)
                .flatMap(pending -> pending.isEmpty() ? Uni.createFrom().item(0)
                        : Uni.createFrom().deferred(() -> send(pending))
                        // KafkaProducer.send blocks while it waits for metadata or buffer space (up to
                        // max.block.ms when the broker is away): never on the event loop
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        // the batch's transaction waits meanwhile: a Kafka that is away fails the round in time
                        .ifNoItem().after(publishTimeout).failWith(() -> new TimeoutException(
                                "Kafka did not take the batch in time"))
                        .flatMap(positions -> events.markPublished(tx, positions, clock.instant())
                                .replaceWith(positions.length)));
    }

    private Uni<Long[]> send(List<OutboxRepository.Unpublished> pending) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        Producer<String, String> kafka = producer();
        for (OutboxRepository.Unpublished unpublished : pending) {
            OutboxEvent event = unpublished.event();
            CompletableFuture<Void> ack = new CompletableFuture<>();
            kafka.send(new ProducerRecord<>(topic, event.aggregateId().toString(), event.toJson().encode()),
                    (metadata, failure) -> {
                        if (failure != null) {
                            ack.completeExceptionally(failure);
                        } else {
                            ack.complete(null);
                        }
                    });
            acks.add(ack);
            positions.add(unpublished.position());
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                .map(all -> positions.toArray(Long[]::new));
    }

    private Producer<String, String> producer() {
        Producer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    KafkaProducer<String, String> created = new KafkaProducer<>(producerSettings(kafka, publishTimeout));
                    producerMetrics = new KafkaClientMetrics(created);
                    producerMetrics.bindTo(registry);
                    producer = created;
                }
                current = producer;
            }
        }
        return current;
    }

    /**
     * Closes the producer after a round that Kafka failed, so that the next round makes a new one. A
     * producer may never recover from a failure: one that Kafka refused to authenticate (an idempotent
     * producer has no producer id then) lets every later record expire, even once the credentials are
     * put right. The producer is closed on a worker thread: closing waits for its own thread to end.
     */
    private void discardProducer() {
        Producer<String, String> discarded;
        synchronized (this) {
            discarded = producer;
            producer = null;
            if (producerMetrics != null) {
                // before the next producer binds meters of the same names
                producerMetrics.close();
                producerMetrics = null;
            }
        }
        if (discarded != null) {
            Infrastructure.getDefaultWorkerPool().execute(() -> discarded.close(Duration.ZERO));
        }
    }

    /**
     * The relay producer's settings: every {@code kafka.*} setting a producer knows (so a secured
     * cluster's protocol, SASL and TLS settings reach the relay exactly as they reach the consumers),
     * then what the relay's guarantees need, which configuration cannot weaken: acknowledged by all
     * in-sync replicas, idempotent, string keys and values. Unless set, {@code send} blocks (for
     * metadata or buffer space) no longer than a round waits for Kafka, {@code publishTimeout}.
     */
    static Map<String, Object> producerSettings(Map<String, Object> kafka, Duration publishTimeout) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (ProducerConfig.configNames().contains(name)) {
                settings.put(name, value);
            }
        });
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, publishTimeout.toMillis());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return settings;
    }

    void close(@Observes ShutdownEvent shutdown) {
        if (producerMetrics != null) {
            producerMetrics.close();
        }
        if (producer != null) {
            producer.close();
        }
    }
}
