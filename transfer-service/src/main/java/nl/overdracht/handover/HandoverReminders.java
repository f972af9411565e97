package nl.overdracht.handover;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;
import nl.overdracht.webhook.WebhookEvents;

/**
 * The reminder round: a requested warm handover still not scheduled {@code overdracht.handover.reminder-after}
 * after the match (or after the sending school's request, when that came later) is reminded once: marked,
 * audited ({@code HANDOVER_REMINDED}), a {@code HandoverChanged} event with step {@code REMINDED} on the outbox
 * and a {@code handover.reminder} webhook queued for the receiving school, all in one transaction. Each
 * round takes a batch with {@code FOR UPDATE SKIP LOCKED}, so any number of instances share the work and a
 * handover is reminded once.
 */
@ApplicationScoped
public class HandoverReminders {

    private static final AuditActor ROUND = AuditActor.system("handover-reminder");

    @Inject
    Pool pool;

    @Inject
    HandoverRepository handovers;

    @Inject
    HandoverService service;

    @Inject
    WebhookEvents webhooks;

    @Inject
    HandoverConfig config;

    @Inject
    Clock clock;

    @Inject
    BackgroundWork work;

    @Scheduled(every = "${overdracht.handover.reminder-interval:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return work.round(BackgroundRound.HANDOVER_REMINDER, this::runDue);
    }

    /** Reminds every overdue requested handover; answers how many this call reminded. */
    public Uni<Integer> runDue() {
        return batch().flatMap(count -> count < config.batchSize() ? Uni.createFrom().item(count)
                : runDue().map(more -> count + more));
    }

    private Uni<Integer> batch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(tx -> handovers.lockReminderDue(tx, now.minus(config.reminderAfter()),
                        config.batchSize())
                .flatMap(due -> {
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndConcatenate(one -> service.remind(tx, one, now, ROUND)
                                    .flatMap(done -> webhooks.handoverReminder(tx, one.dossierId(), one.dossierState(),
                                            now)))
                            .collect().last()
                            .replaceWith(due.size());
                }));
    }
}
