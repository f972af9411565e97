package nl.overdracht.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.crypto.KeyRewrapJob;
import nl.overdracht.handover.HandoverRepository;
import nl.overdracht.handover.HandoverState;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.lifecycle.TransferState;
import nl.overdracht.outbox.OutboxRepository;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;
import nl.overdracht.registry.SchoolRepository;
import nl.overdracht.webhook.WebhookRepository;

/**
 * The domain gauges of {@code /q/metrics}, computed from the database every
 * {@code overdracht.operations.metrics-interval} (a round, {@link BackgroundRound#DOMAIN_METRICS}), never
 * per scrape: a scrape reads the values of the last round. Every instance computes the same database-wide
 * values, so dashboards and alerts take the {@code max} over instances. Labels are a region, a state, a
 * stage or a kind, each from a short fixed list; never a school or a pupil. Each labelled family has a
 * value for every label and every region that has a school (0 when none), so a series that drops to zero
 * stays visible (before the first school, region {@value #NO_REGION}); an age is 0 where nothing waits.
 */
@ApplicationScoped
public class DomainGauges {

    /** The lifecycle states a dossier can be in, as the {@code state} label has them. */
    static final List<String> STATES = TransferState.NAMES;

    /** The stages of waiting work, as the {@code stage} label has them, in the order a dossier passes them. */
    static final List<String> STAGES = List.of("awaiting-enrolment", "objection-window", "awaiting-package",
            "withheld", "awaiting-download", "awaiting-acknowledgement");

    /** The region of the zero series a family has before any school is registered, so that it is served. */
    static final String NO_REGION = "none";

    /** The kinds of stuck work, as the {@code kind} label has them. */
    static final List<String> KINDS = Arrays.stream(StuckKind.values()).map(StuckKind::label).toList();

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    BackgroundWork work;

    @Inject
    DossierRepository dossiers;

    @Inject
    SchoolRepository schools;

    @Inject
    OutboxRepository outbox;

    @Inject
    AuditLog audit;

    @Inject
    KeyRewrapJob rewrap;

    @Inject
    StuckWork stuck;

    @Inject
    WebhookRepository webhooks;

    @Inject
    HandoverRepository handovers;

    /*
     * A gauge holds its value object weakly: the values of the last round are kept here, one list per family,
     * or a collection would turn them into NaN.
     */
    private final Map<String, List<Double>> held = new ConcurrentHashMap<>();

    private MultiGauge byState;
    private MultiGauge queueItems;
    private MultiGauge queueAge;
    private MultiGauge stuckItems;
    private MultiGauge handoverItems;

    /** The single values of the last round; NaN before the first. */
    private volatile Totals totals = Totals.NONE;

    /** The unlabelled values one round computed. */
    record Totals(double unpublished, double oldestUnpublishedAge, double unchained, double oldestUnchainedAge,
            double unsigned, double lastCheckpointAge, double rewrapBacklog, double webhooksPending,
            double oldestWebhookAge) {
        static final Totals NONE = new Totals(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
    }

    @PostConstruct
    void register() {
        byState = MultiGauge.builder("overdracht.dossiers")
                .description("Dossiers per lifecycle state, in the sending school's region").register(registry);
        queueItems = MultiGauge.builder("overdracht.queue.items")
                .description("Dossiers waiting per stage and region (delivery stages in the receiving school's region)")
                .register(registry);
        queueAge = MultiGauge.builder("overdracht.queue.oldest.age").baseUnit("seconds")
                .description("How long the oldest dossier of a stage and region has waited").register(registry);
        stuckItems = MultiGauge.builder("overdracht.stuck.items")
                .description("Work waiting for someone to act, per kind and region, as at /api/v1/operator/stuck")
                .register(registry);
        handoverItems = MultiGauge.builder("overdracht.handover.items")
                .description("Warm handovers per state, in the receiving school's region (the sending school's before "
                        + "the match)").register(registry);
        total("overdracht.outbox.unpublished.events", null, "Dossier events written and not yet published to Kafka",
                Totals::unpublished);
        total("overdracht.outbox.oldest.unpublished.age", "seconds", "How long the oldest unpublished event has waited",
                Totals::oldestUnpublishedAge);
        total("overdracht.audit.entries.unchained", null, "Audit entries recorded and not yet in the hash chain",
                Totals::unchained);
        total("overdracht.audit.oldest.unchained.age", "seconds", "How long the oldest unchained audit entry has waited",
                Totals::oldestUnchainedAge);
        total("overdracht.audit.entries.unsigned", null, "Chained audit entries after the last signed checkpoint",
                Totals::unsigned);
        total("overdracht.audit.last.checkpoint.age", "seconds", "How long ago the last audit checkpoint was signed",
                Totals::lastCheckpointAge);
        total("overdracht.key.rewrap.backlog", null,
                "Data keys still wrapped under a key-encryption key other than the current one", Totals::rewrapBacklog);
        total("overdracht.webhook.deliveries.pending", null,
                "Webhook notifications queued and neither delivered nor given up", Totals::webhooksPending);
        total("overdracht.webhook.oldest.pending.age", "seconds",
                "How long the oldest pending webhook notification has waited", Totals::oldestWebhookAge);
        for (BackgroundRound round : BackgroundRound.values()) {
            Gauge.builder("overdracht.background.last.round.age", work,
                            w -> w.sinceLastRound(round).map(since -> since.toMillis() / 1000.0).orElse(Double.NaN))
                    .baseUnit("seconds").tag("worker", round.label())
                    .description("How long ago this instance's round of a background worker last ended")
                    .register(registry);
        }
    }

    private void total(String name, String unit, String description, ToDoubleFunction<Totals> value) {
        Gauge.Builder<DomainGauges> gauge = Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.totals))
                .description(description);
        if (unit != null) {
            gauge.baseUnit(unit);
        }
        gauge.register(registry);
    }

    @Scheduled(every = "${overdracht.operations.metrics-interval:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return work.round(BackgroundRound.DOMAIN_METRICS, this::refresh);
    }

    /** Computes every gauge from the database now, one query after another on the pool. */
    public Uni<Void> refresh() {
        Instant now = clock.instant();
        return schools.regions(pool).flatMap(regions -> dossiers.countByState(pool)
                .invoke(counts -> byState.register(rows("dossiers", "state", regions, STATES, counts.stream()
                        .map(count -> new Value(count.state(), count.region(), count.count())).toList()), true))
                .flatMap(done -> dossiers.waitingByRegion(pool))
                .invoke(waiting -> {
                    queueItems.register(rows("queue-items", "stage", regions, STAGES, waiting.stream()
                            .map(stage -> new Value(stage.stage(), stage.region(), stage.count())).toList()), true);
                    queueAge.register(rows("queue-age", "stage", regions, STAGES, waiting.stream()
                            .map(stage -> new Value(stage.stage(), stage.region(),
                                    age(Optional.ofNullable(stage.oldestSince()), now))).toList()), true);
                })
                .flatMap(done -> stuck.counts(pool, now))
                .invoke(counts -> stuckItems.register(rows("stuck", "kind", regions, KINDS, counts.stream()
                        .map(count -> new Value(count.kind().label(), count.region(), count.count())).toList()), true))
                .flatMap(done -> handovers.countByStateAndRegion(pool))
                .invoke(counts -> handoverItems.register(rows("handovers", "state", regions, HandoverState.NAMES,
                        counts.stream().map(count -> new Value(count.state(), count.region(), count.count())).toList()),
                        true)))
                .flatMap(done -> outbox.backlog(pool))
                .flatMap(backlog -> audit.lag(pool).flatMap(lag -> rewrap.backlog(pool).flatMap(keys ->
                        webhooks.pending(pool).invoke(hooks -> totals = new Totals(backlog.count(),
                                age(backlog.oldest(), now), lag.unchained(), age(lag.oldestUnchained(), now),
                                lag.unsigned(), lag.lastCheckpoint().map(at -> age(Optional.of(at), now)).orElse(Double.NaN),
                                keys, hooks.count(), age(hooks.oldest(), now))))))
                .replaceWithVoid();
    }

    /** One labelled value: its first label's value (a state, stage or kind) and its region. */
    private record Value(String label, String region, double value) {
    }

    /**
     * The rows of gauge {@code family} (its values held until the next round): one for every value of
     * {@code labels} (the label {@code labelName}) in every region (given, or found in {@code values}): the value
     * found, 0 where none is. A label found that the list does not know is kept too.
     */
    private List<MultiGauge.Row<?>> rows(String family, String labelName, List<String> regions, List<String> labels,
            List<Value> values) {
        Map<List<String>, Double> found = new LinkedHashMap<>();
        TreeSet<String> allRegions = new TreeSet<>(regions);
        for (Value value : values) {
            found.merge(List.of(value.label(), value.region()), value.value(), Double::sum);
            allRegions.add(value.region());
        }
        if (allRegions.isEmpty()) {
            allRegions.add(NO_REGION);
        }
        for (String region : allRegions) {
            for (String label : labels) {
                found.putIfAbsent(List.of(label, region), 0.0);
            }
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>(found.size());
        List<Double> kept = new ArrayList<>(found.size());
        found.forEach((key, value) -> {
            kept.add(value);
            rows.add(MultiGauge.Row.of(Tags.of(labelName, key.get(0), "region", key.get(1)), value));
        });
        held.put(family, kept);
        return rows;
    }

    /** Seconds from {@code since} to {@code now}; 0 when nothing waits. */
    private static double age(Optional<Instant> since, Instant now) {
        return since.map(at -> Math.max(0, Duration.between(at, now).toMillis()) / 1000.0).orElse(0.0);
    }
}
