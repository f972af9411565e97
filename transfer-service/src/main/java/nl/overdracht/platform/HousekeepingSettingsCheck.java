package nl.overdracht.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.overdracht.settings.SettingProblem;
import nl.overdracht.settings.SettingsCheck;

/** The housekeeping periods, checked at start: a period of zero or less would prune rows still in use. */
public final class HousekeepingSettingsCheck implements SettingsCheck<HousekeepingConfig> {

    @Override
    public Class<HousekeepingConfig> settings() {
        return HousekeepingConfig.class;
    }

    @Override
    public List<SettingProblem> problems(HousekeepingConfig config) {
        List<SettingProblem> problems = new ArrayList<>();
        Map<String, Duration> periods = Map.of(HousekeepingConfig.PUBLISHED_EVENTS, config.publishedEvents(),
                HousekeepingConfig.PROCESSED_EVENTS, config.processedEvents(),
                HousekeepingConfig.IDEMPOTENCY_KEYS, config.idempotencyKeys());
        periods.forEach((name, period) -> {
            if (period.isNegative() || period.isZero()) {
                problems.add(new SettingProblem(name, "must be positive"));
            }
        });
        if (config.batchSize() < 1) {
            problems.add(new SettingProblem(HousekeepingConfig.BATCH_SIZE, "must be at least 1"));
        }
        problems.sort((a, b) -> a.toString().compareTo(b.toString()));
        return problems;
    }
}
