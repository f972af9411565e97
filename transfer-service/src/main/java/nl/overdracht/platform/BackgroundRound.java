package nl.overdracht.platform;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The service's recurring rounds, each with the setting that paces it and how long after the start its
 * first round comes. {@link BackgroundWork} records when each last ended; the operations package's health check
 * names a round that has not ended for too long (a stuck relay, chainer, timer or delivery retry).
 */
public enum BackgroundRound {

    OUTBOX_RELAY("outbox-relay", "Outbox relay round", "overdracht.outbox.poll-interval", "0.2s", "1s"),
    AUDIT_CHAINER("audit-chainer", "Audit chaining round", "overdracht.audit.chain-interval", "0.2s", "0s"),
    LIFECYCLE_TIMER("lifecycle-timer", "Lifecycle round", "overdracht.lifecycle.timer-interval", "1s", "2s"),
    DELIVERY_RETRY("delivery-retry", "Delivery retry round", "overdracht.delivery.retry-interval", "1m", "10s"),
    KEY_REWRAP("key-rewrap", "Key re-wrap round", "overdracht.crypto.rewrap-interval", "10m", "30s"),
    HOUSEKEEPING("housekeeping", "Housekeeping round", "overdracht.housekeeping.interval", "1h", "1m"),
    REFUSED_TOKEN_COUNTS("refused-token-counts", "Refused-token count round",
            "overdracht.audit.refusal-count-interval", "1m", "0s"),
    DOMAIN_METRICS("domain-metrics", "Domain metrics round", "overdracht.operations.metrics-interval", "15s", "1s"),
    WEBHOOK_SENDER("webhook-sender", "Webhook delivery round", "overdracht.webhooks.poll-interval", "1s", "3s"),
    HANDOVER_REMINDER("handover-reminder", "Warm handover reminder round", "overdracht.handover.reminder-interval",
            "1m", "5s");

    private final String label;
    private final String description;
    private final String intervalSetting;
    private final String defaultInterval;
    private final Duration firstDelay;

    BackgroundRound(String label, String description, String intervalSetting, String defaultInterval,
            String firstDelay) {
        this.label = label;
        this.description = description;
        this.intervalSetting = intervalSetting;
        this.defaultInterval = defaultInterval;
        this.firstDelay = DurationConverter.parseDuration(firstDelay);
    }

    /** The round's name in health answers and the {@code worker} label of its gauge: "outbox-relay". */
    public String label() {
        return label;
    }

    /** The round in a log line: "Outbox relay round". */
    public String description() {
        return description;
    }

    /** How long after the start the first round comes (the {@code delayed} of its schedule). */
    public Duration firstDelay() {
        return firstDelay;
    }

    /** How often the round runs, as {@code config} sets it. */
    public Duration interval(Config config) {
        return config.getOptionalValue(intervalSetting, String.class).map(DurationConverter::parseDuration)
                .orElseGet(() -> DurationConverter.parseDuration(defaultInterval));
    }
}
