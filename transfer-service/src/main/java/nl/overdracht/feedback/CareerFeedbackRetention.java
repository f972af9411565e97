package nl.overdracht.feedback;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import nl.overdracht.platform.Prunable;

/**
 * Once a delivery's reporting period is over ({@code due-after} plus {@code report-within} after its
 * acknowledgement), housekeeping deletes its row: the advice level of an unreported one, the mark of
 * a reported one. The counts stay.
 */
@ApplicationScoped
public class CareerFeedbackRetention implements Prunable {

    @Inject
    Pool pool;

    @Inject
    CareerFeedbackRepository feedback;

    @Inject
    FeedbackConfig config;

    @Override
    public String what() {
        return "lapsed school-career feedback expectations";
    }

    @Override
    public Uni<Integer> prune(Instant now, int limit) {
        return feedback.deleteLapsed(pool, now, config.dueAfter().plus(config.reportWithin()), limit);
    }
}
