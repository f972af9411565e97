package nl.overdracht.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import nl.overdracht.profile.AdviceLevel;
import nl.overdracht.settings.SettingProblem;
import org.junit.jupiter.api.Test;

/** k under 5 refuses the start; the school year and the advice levels as documented. */
class FeedbackSettingsCheckTest {

    private static FeedbackConfig config(int k, Duration dueAfter) {
        return new FeedbackConfig() {
            @Override
            public Duration dueAfter() {
                return dueAfter;
            }

            @Override
            public Duration reportWithin() {
                return Duration.ofDays(365);
            }

            @Override
            public int k() {
                return k;
            }
        };
    }

    @Test
    void a_k_under_five_or_a_negative_period_is_refused_by_name() {
        assertThat(new FeedbackSettingsCheck().problems(config(4, Duration.ofDays(-1))))
                .extracting(SettingProblem::property)
                .containsExactly("overdracht.feedback.k", "overdracht.feedback.due-after");
        assertThat(new FeedbackSettingsCheck().problems(config(5, Duration.ZERO))).isEmpty();
    }

    @Test
    void the_school_year_starts_on_the_first_of_august_dutch_time() {
        assertThat(CareerFeedbackService.schoolYear(Instant.parse("2026-07-31T21:59:59Z"))).isEqualTo("2025-2026");
        assertThat(CareerFeedbackService.schoolYear(Instant.parse("2026-07-31T22:00:00Z"))).isEqualTo("2026-2027");
    }

    @Test
    void an_advice_code_gives_its_level_by_its_first_digit() {
        assertThat(AdviceLevel.ofDuoCode("10")).isEqualTo(AdviceLevel.PRAKTIJKONDERWIJS);
        assertThat(AdviceLevel.ofDuoCode("21")).isEqualTo(AdviceLevel.VMBO_B);
        assertThat(AdviceLevel.ofDuoCode("40")).isEqualTo(AdviceLevel.VMBO_GT);
        assertThat(AdviceLevel.ofDuoCode("53")).isEqualTo(AdviceLevel.HAVO);
        assertThat(AdviceLevel.ofDuoCode("61")).isEqualTo(AdviceLevel.VWO);
        assertThat(AdviceLevel.ofDuoCode("80")).isEqualTo(AdviceLevel.OTHER);
        assertThat(AdviceLevel.ofDuoCode(null)).isEqualTo(AdviceLevel.NONE);
    }
}
