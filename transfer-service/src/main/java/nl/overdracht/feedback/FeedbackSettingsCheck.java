package nl.overdracht.feedback;

import java.util.ArrayList;
import java.util.List;
import nl.overdracht.settings.SettingProblem;
import nl.overdracht.settings.SettingsCheck;

/** k under 5 would show counts small enough to point at pupils; the periods must not run backwards. */
public final class FeedbackSettingsCheck implements SettingsCheck<FeedbackConfig> {

    static final int SMALLEST_K = 5;

    @Override
    public Class<FeedbackConfig> settings() {
        return FeedbackConfig.class;
    }

    @Override
    public List<SettingProblem> problems(FeedbackConfig config) {
        List<SettingProblem> problems = new ArrayList<>();
        if (config.k() < SMALLEST_K) {
            problems.add(new SettingProblem("overdracht.feedback.k", "must be at least " + SMALLEST_K
                    + ": a smaller count could point at pupils"));
        }
        if (config.dueAfter().isNegative()) {
            problems.add(new SettingProblem("overdracht.feedback.due-after", "must not be negative"));
        }
        if (config.reportWithin().isNegative() || config.reportWithin().isZero()) {
            problems.add(new SettingProblem("overdracht.feedback.report-within", "must be positive"));
        }
        return problems;
    }
}
