package nl.overdracht.handover;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code overdracht.handover.*}: when a requested warm handover is overdue, and the reminder round's pace. */
@Unremovable
@ConfigMapping(prefix = "overdracht.handover")
public interface HandoverConfig {

    /**
     * How long after the match (or after the sending school's request, when that came later) a
     * requested warm handover may stay unscheduled before the receiving school is reminded, once.
     */
    @WithDefault("P14D")
    Duration reminderAfter();

    /** How often the reminder round looks for overdue handovers (read by its {@code @Scheduled} expression). */
    @WithDefault("1m")
    Duration reminderInterval();

    /** Handovers one reminder transaction takes; a round repeats until less than a batch is due. */
    @WithDefault("200")
    int batchSize();
}
