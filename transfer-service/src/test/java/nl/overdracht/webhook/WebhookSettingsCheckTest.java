package nl.overdracht.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import nl.overdracht.settings.SettingProblem;
import org.junit.jupiter.api.Test;

/** The start refuses webhook settings that would hammer endpoints or give every notification up. */
class WebhookSettingsCheckTest {

    record Settings(Duration pollInterval, int batchSize, Duration requestTimeout, Duration backoffInitial,
            Duration backoffMax, int maxAttempts, Optional<Path> trustStore, Duration logRetention)
            implements WebhookConfig {
    }

    private static Settings defaults() {
        return new Settings(Duration.ofSeconds(1), 50, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofHours(1), 12, Optional.empty(), Duration.ofDays(30));
    }

    @Test
    void the_defaults_are_fit_to_start_with() {
        assertThat(new WebhookSettingsCheck().problems(defaults())).isEmpty();
    }

    @Test
    void a_zero_timeout_no_attempts_and_a_maximum_below_the_first_wait_are_each_named() {
        Settings bad = new Settings(Duration.ofSeconds(1), 0, Duration.ZERO, Duration.ofMinutes(2),
                Duration.ofMinutes(1), 0, Optional.empty(), Duration.ofDays(30));

        assertThat(new WebhookSettingsCheck().problems(bad)).extracting(SettingProblem::property)
                .containsExactlyInAnyOrder("overdracht.webhooks.request-timeout", "overdracht.webhooks.backoff-max",
                        "overdracht.webhooks.batch-size", "overdracht.webhooks.max-attempts");
    }
}
