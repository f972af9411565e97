package nl.overdracht.webhook;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import nl.overdracht.crypto.SigningIdentity;
import nl.overdracht.operations.DomainCounters;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;
import nl.overdracht.platform.CpuWork;
import org.jboss.logging.Logger;

/**
 * Delivers the queued notifications, at least once. Each round claims the due deliveries that are
 * the earliest pending one of their school and dossier ({@code FOR UPDATE SKIP LOCKED}, so any
 * number of instances share the work and a later notification of a dossier never overtakes an
 * earlier one), signs each body afresh, POSTs them at once and records how each went: a 2xx is
 * delivered; anything else is tried again after an exponential backoff until
 * {@code overdracht.webhooks.max-attempts}, then given up. A claim is a lease: a sender that dies
 * mid-attempt leaves the delivery due again once the lease runs out.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    @Inject
    Pool pool;

    @Inject
    WebhookRepository webhooks;

    @Inject
    WebhookClient client;

    @Inject
    SigningIdentity identity;

    @Inject
    CpuWork cpu;

    @Inject
    Clock clock;

    @Inject
    BackgroundWork work;

    @Inject
    WebhookConfig config;

    @Inject
    DomainCounters counters;

    @Scheduled(every = "${overdracht.webhooks.poll-interval:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return work.round(BackgroundRound.WEBHOOK_SENDER, this::sendDue);
    }

    /** Sends every delivery due now, batch after batch; answers how many attempts it made. */
    public Uni<Integer> sendDue() {
        return sendBatch().flatMap(count -> count < config.batchSize() ? Uni.createFrom().item(count)
                : sendDue().map(more -> count + more));
    }

    private Uni<Integer> sendBatch() {
        Instant now = clock.instant();
        // the lease outlasts the attempt's own timeout, so only a dead sender's claim runs out
        Instant leaseUntil = now.plus(config.requestTimeout().multipliedBy(2)).plusSeconds(5);
        return webhooks.claimDue(pool, now, leaseUntil, config.batchSize())
                .flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().item(0)
                        : Uni.join().all(claimed.stream().map(this::attempt).toList()).andCollectFailures()
                                .replaceWith(claimed.size()));
    }

    private Uni<Void> attempt(WebhookRepository.Claimed claimed) {
        if (claimed.url().isEmpty()) {
            LOG.infof("Webhook %s to school %s given up: the school has no enabled endpoint", claimed.id(),
                    claimed.school());
            return webhooks.recordAttempt(pool, claimed, Attempt.noEndpoint(clock.instant()));
        }
        byte[] body = WebhookSignature.utf8(claimed.body());
        // an RSA or ECDSA signature is CPU work: off the event loop, as packaging is
        return cpu.run(() -> WebhookSignature.sign(identity, body, claimed.id(), clock.instant()))
                .flatMap(signature -> Uni.createFrom().completionStage(() -> client.post(claimed.url().get(),
                        claimed.id(), body, signature)))
                .flatMap(answer -> {
                    Attempt outcome = Attempt.after(answer.status(), answer.error(), claimed.attempts(),
                            clock.instant(), config);
                    log(claimed, answer, outcome);
                    return webhooks.recordAttempt(pool, claimed, outcome).invoke(recorded -> counters.webhookAttempt(
                            outcome.deliveredAt().isPresent() ? "delivered"
                                    : outcome.givenUpAt().isPresent() ? "given_up" : "retry"));
                });
    }

    private static void log(WebhookRepository.Claimed claimed, WebhookClient.Answer answer, Attempt outcome) {
        String how = answer.status().map(status -> "status " + status).orElseGet(() -> answer.error().orElse("?"));
        if (outcome.deliveredAt().isPresent()) {
            LOG.debugf("Webhook %s (%s, dossier %s) delivered to school %s at attempt %d", claimed.id(),
                    claimed.eventType(), claimed.dossierId(), claimed.school(), claimed.attempts());
        } else if (outcome.givenUpAt().isPresent()) {
            LOG.warnf("Webhook %s (%s, dossier %s) to school %s given up after %d attempts (%s)", claimed.id(),
                    claimed.eventType(), claimed.dossierId(), claimed.school(), claimed.attempts(), how);
        } else {
            LOG.infof("Webhook %s to school %s failed at attempt %d (%s); next at %s", claimed.id(), claimed.school(),
                    claimed.attempts(), how, outcome.nextAttempt().map(Instant::toString).orElse("-"));
        }
    }
}
