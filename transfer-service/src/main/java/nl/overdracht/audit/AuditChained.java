package nl.overdracht.audit;

import java.util.List;

/**
 * A batch of audit records that has just entered the chain, committed: every recorded fact reaches
 * the chain exactly once across all instances, and only once the action's effect has committed, so
 * observers can count facts from it (the domain counters do). Actions, roles, ids and outcome codes only.
 */
public record AuditChained(List<AuditRecord> records) {

    public AuditChained {
        records = List.copyOf(records);
    }
}
