package nl.overdracht.lifecycle;

import java.util.ArrayList;
import java.util.List;
import nl.overdracht.settings.SettingProblem;
import nl.overdracht.settings.SettingsCheck;

/**
 * The lifecycle's limits, checked at start: a retention of zero or less would purge enrolments before
 * any dossier could match them; a negative objection window does not exist.
 */
public final class LifecycleSettingsCheck implements SettingsCheck<LifecycleConfig> {

    @Override
    public Class<LifecycleConfig> settings() {
        return LifecycleConfig.class;
    }

    @Override
    public List<SettingProblem> problems(LifecycleConfig config) {
        List<SettingProblem> problems = new ArrayList<>();
        if (config.unmatchedEnrolmentRetention().isNegative() || config.unmatchedEnrolmentRetention().isZero()) {
            problems.add(new SettingProblem(LifecycleTimer.UNMATCHED_ENROLMENT_RETENTION, "must be positive"));
        }
        if (config.objectionWindowOverride().filter(window -> window.isNegative()).isPresent()) {
            problems.add(new SettingProblem(ObjectionWindows.OVERRIDE, "must not be negative"));
        }
        return problems;
    }
}
