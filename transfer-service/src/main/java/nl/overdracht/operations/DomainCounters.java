package nl.overdracht.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditChained;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.profile.Violation;

/**
 * The service's domain counters ({@code /q/metrics}). What happened to dossiers is counted from the audit
 * records as they enter the chain ({@link AuditChained}): a fact counts once across all instances (the
 * instance that chained it counts it; Prometheus sums the instances), and only once its effect committed.
 * Dossiers the profile refuses store nothing and reach no chain as violations, so the intake counts
 * those itself ({@link #rejected}). Labels are fixed codes (kind, violation code, problem type), never a
 * school, a pupil or a value.
 */
@ApplicationScoped
public class DomainCounters {

    static final String PACKAGES_CREATED = "overdracht.packages.created";
    static final String PACKAGES_WITHHELD = "overdracht.packages.withheld";
    static final String PACKAGES_DOWNLOADED = "overdracht.packages.downloaded";
    static final String PACKAGES_ACKNOWLEDGED = "overdracht.packages.acknowledged";
    static final String OBJECTIONS = "overdracht.objections";
    static final String PURGES = "overdracht.purges";
    static final String REFUSED = "overdracht.dossiers.refused";
    static final String REJECTED = "overdracht.dossiers.rejected";
    static final String WEBHOOK_ATTEMPTS = "overdracht.webhook.attempts";
    static final String HANDOVERS = "overdracht.handovers";
    static final String CAREER_OUTCOMES = "overdracht.career.outcomes.reported";

    /** The steps of a warm handover, counted from their audit entries. */
    static final List<String> HANDOVER_STEPS = List.of("requested", "scheduled", "held", "declined", "reminded",
            "cancelled");

    /** How a webhook attempt ended: delivered, to be tried again, or given up. */
    public static final List<String> WEBHOOK_OUTCOMES = List.of("delivered", "retry", "given_up");

    /** The kinds of objection: the whole dossier, or some sections. */
    static final List<String> OBJECTION_KINDS = List.of("whole", "sections");

    /** What a purge removed: a dossier's personal data, or an enrolment's that matched no dossier in time. */
    static final List<String> PURGE_KINDS = List.of("dossier", "enrolment");

    @Inject
    MeterRegistry registry;

    private Counter created;
    private Counter withheld;
    private Counter downloaded;
    private Counter acknowledged;
    private Counter careerOutcomes;

    @PostConstruct
    void register() {
        created = Counter.builder(PACKAGES_CREATED)
                .description("Delivery packages signed and encrypted to a receiving school's certificate (re-encryptions included)")
                .register(registry);
        withheld = Counter.builder(PACKAGES_WITHHELD)
                .description("Delivery packages withdrawn because their school no longer has a valid certificate")
                .register(registry);
        downloaded = Counter.builder(PACKAGES_DOWNLOADED)
                .description("Downloads of delivery packages by their receiving school (a not-modified answer excluded)")
                .register(registry);
        acknowledged = Counter.builder(PACKAGES_ACKNOWLEDGED)
                .description("Deliveries acknowledged by their receiving school with the right content hash")
                .register(registry);
        OBJECTION_KINDS.forEach(this::objections);
        PURGE_KINDS.forEach(this::purges);
        WEBHOOK_OUTCOMES.forEach(this::webhookAttempts);
        HANDOVER_STEPS.forEach(this::handovers);
        careerOutcomes = Counter.builder(CAREER_OUTCOMES)
                .description("School-career outcomes reported by receiving schools (counted, never by code)")
                .register(registry);
    }

    /** Counts one webhook attempt that ended in {@code outcome}, one of {@link #WEBHOOK_OUTCOMES}. */
    public void webhookAttempt(String outcome) {
        webhookAttempts(outcome).increment();
    }

    private Counter webhookAttempts(String outcome) {
        return Counter.builder(WEBHOOK_ATTEMPTS)
                .description("Webhook POSTs to schools' endpoints, by how they ended: delivered, retry or given_up")
                .tag("outcome", outcome).register(registry);
    }

    /** Counts what a chained batch records. */
    void chained(@Observes AuditChained batch) {
        for (AuditRecord record : batch.records()) {
            count(record.action(), record.outcome());
        }
    }

    /** Counts one dossier the profile refused, once for each rule code it broke. */
    public void rejected(Collection<Violation> violations) {
        Set<String> codes = new LinkedHashSet<>();
        violations.forEach(violation -> codes.add(violation.code()));
        codes.forEach(code -> Counter.builder(REJECTED)
                .description("Dossiers refused by their profile's rules, once per rule code broken")
                .tag("violation", code).register(registry).increment());
    }

    private void count(AuditAction action, String outcome) {
        switch (action) {
            case PACKAGE_CREATED -> (outcome.startsWith("withheld") ? withheld : created).increment();
            case DELIVERY_DOWNLOADED -> downloaded.increment();
            case DELIVERY_ACKNOWLEDGED -> {
                if (!outcome.startsWith("refused")) {
                    acknowledged.increment();
                }
            }
            case OBJECTION_RECORDED -> {
                if (OBJECTION_KINDS.contains(outcome)) {
                    objections(outcome).increment();
                }
            }
            case DOSSIER_PURGED -> purges("dossier").increment();
            case ENROLMENT_PURGED -> purges("enrolment").increment();
            case HANDOVER_REQUESTED -> handovers("requested").increment();
            case HANDOVER_SCHEDULED -> handovers("scheduled").increment();
            case HANDOVER_HELD -> handovers("held").increment();
            case HANDOVER_DECLINED -> handovers("declined").increment();
            case HANDOVER_REMINDED -> handovers("reminded").increment();
            case HANDOVER_CANCELLED -> handovers("cancelled").increment();
            case CAREER_OUTCOME_REPORTED -> careerOutcomes.increment();
            case DOSSIER_REFUSED -> Counter.builder(REFUSED)
                    .description("Submissions and revisions refused, by the problem type answered")
                    .tag("reason", outcome).register(registry).increment();
            default -> {
            }
        }
    }

    private Counter objections(String kind) {
        return Counter.builder(OBJECTIONS).description("Objections recorded by parents, by kind")
                .tag("kind", kind).register(registry);
    }

    private Counter handovers(String step) {
        return Counter.builder(HANDOVERS).description("Steps of warm handovers between schools: requested, scheduled, "
                + "held, declined, reminded (not scheduled in time), cancelled (a revision no longer asks)")
                .tag("step", step).register(registry);
    }

    private Counter purges(String kind) {
        return Counter.builder(PURGES).description("Personal data purged at the end of its retention, by what it was")
                .tag("kind", kind).register(registry);
    }
}
