package nl.overdracht.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.overdracht.settings.SettingProblem;
import nl.overdracht.settings.SettingsCheck;

/**
 * The webhook settings, checked at start: a zero timeout or backoff would hammer endpoints, no
 * attempt at all would give every notification up unsent. The trust store is not read here: it is
 * read when the first delivery needs it, and again whenever it changes.
 */
public final class WebhookSettingsCheck implements SettingsCheck<WebhookConfig> {

    private static final String PREFIX = "overdracht.webhooks.";

    @Override
    public Class<WebhookConfig> settings() {
        return WebhookConfig.class;
    }

    @Override
    public List<SettingProblem> problems(WebhookConfig config) {
        List<SettingProblem> problems = new ArrayList<>();
        Map<String, Duration> durations = new TreeMap<>(Map.of("poll-interval", config.pollInterval(),
                "request-timeout", config.requestTimeout(), "backoff-initial", config.backoffInitial(),
                "backoff-max", config.backoffMax(), "log-retention", config.logRetention()));
        durations.forEach((name, duration) -> {
            if (duration.isNegative() || duration.isZero()) {
                problems.add(new SettingProblem(PREFIX + name, "must be positive"));
            }
        });
        if (config.backoffMax().compareTo(config.backoffInitial()) < 0) {
            problems.add(new SettingProblem(PREFIX + "backoff-max", "must not be below backoff-initial"));
        }
        if (config.batchSize() < 1) {
            problems.add(new SettingProblem(PREFIX + "batch-size", "must be at least 1"));
        }
        if (config.maxAttempts() < 1) {
            problems.add(new SettingProblem(PREFIX + "max-attempts", "must be at least 1"));
        }
        return problems;
    }
}
