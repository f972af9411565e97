package nl.overdracht.feedback;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.outbox.Outbox;
import nl.overdracht.outbox.OutboxEvent;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.profile.AdviceLevel;
import nl.overdracht.security.Caller;
import nl.overdracht.security.Roles;

/**
 * School-career feedback: the advice level kept from intake, the outcome reported once per
 * acknowledged delivery (in one transaction: the report marked without its code, the code added to a
 * count, the audit entry without the code, the {@code CareerOutcomeReported} event without it), and
 * the published tables.
 */
@ApplicationScoped
public class CareerFeedbackService {

    /** Dutch school years start on 1 August, in the Netherlands' time. */
    static final ZoneId SCHOOL_ZONE = ZoneId.of("Europe/Amsterdam");
    static final String REPORTED_EVENT = "CareerOutcomeReported";

    @Inject
    Pool pool;

    @Inject
    CareerFeedbackRepository feedback;

    @Inject
    AuditLog audit;

    @Inject
    Outbox outbox;

    @Inject
    FeedbackConfig config;

    @Inject
    Clock clock;

    /** In intake's (or a revision's) transaction: the dossier's advice level, kept for its feedback only. */
    public Uni<Void> expect(SqlConnection tx, UUID dossierId, String sendingSchool, AdviceLevel advice) {
        return feedback.expect(tx, dossierId, sendingSchool, advice.wireName());
    }

    /** In the acknowledgement's transaction: from now on the delivery's outcome can become due. */
    public Uni<Void> delivered(SqlConnection tx, UUID dossierId, String receivingSchool, Instant at) {
        return feedback.delivered(tx, dossierId, receivingSchool, schoolYear(at), at);
    }

    /** The school year {@code at} falls in: {@code 2025-2026} from 1 August 2025 to 31 July 2026. */
    static String schoolYear(Instant at) {
        LocalDate day = at.atZone(SCHOOL_ZONE).toLocalDate();
        int first = day.getMonthValue() >= 8 ? day.getYear() : day.getYear() - 1;
        return first + "-" + (first + 1);
    }

    public Uni<List<OutcomeCode>> codes() {
        return feedback.codes(pool);
    }

    public Uni<List<DueOutcome>> due(Caller caller, int limit) {
        return feedback.listDue(pool, caller.requireSchool(), clock.instant().minus(config.dueAfter()), config.dueAfter(),
                limit);
    }

    /** The receiving school reports the outcome of one acknowledged delivery, once. */
    public Uni<Void> report(Caller caller, UUID deliveryId, String code) {
        String school = caller.requireSchool();
        Instant now = clock.instant();
        AuditActor actor = AuditActor.of(caller, Roles.RECEIVING_SCHOOL);
        return pool.withTransaction(tx -> feedback.codes(tx).flatMap(codes -> {
            if (codes.stream().noneMatch(known -> known.active() && known.code().equals(code))) {
                throw new ApiException(ProblemType.UNPROCESSABLE, "The outcome code is not on the list.",
                        List.of(new Problem.FieldError("/code", "must be one of " + codes.stream()
                                .filter(OutcomeCode::active).map(OutcomeCode::code).toList(), "unknown-code")));
            }
            return feedback.lockForReport(tx, deliveryId, school);
        }).flatMap(found -> {
            CareerFeedbackRepository.Expected expected = found.orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                    "No acknowledged delivery " + deliveryId + " of this school expects an outcome."));
            if (expected.reportedAt() != null) {
                throw new ApiException(ProblemType.CONFLICT, "The outcome of delivery " + deliveryId
                        + " was reported already; it is counted and cannot be changed or reported again.");
            }
            Instant dueSince = expected.acknowledgedAt().plus(config.dueAfter());
            if (now.isBefore(dueSince)) {
                throw new ApiException(ProblemType.CONFLICT, "The outcome of delivery " + deliveryId
                        + " is due from " + dueSince + " (overdracht.feedback.due-after after its acknowledgement).");
            }
            return feedback.markReported(tx, deliveryId, now)
                    .flatMap(done -> feedback.addOutcome(tx, expected.sendingSchool(), school, expected.schoolYear(),
                            expected.adviceLevel(), code))
                    .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.CAREER_OUTCOME_REPORTED, actor,
                            deliveryId, "reported", null)))
                    .flatMap(done -> outbox.write(tx, OutboxEvent.dossier(deliveryId, REPORTED_EVENT,
                            new io.vertx.core.json.JsonObject().put("dossierId", deliveryId.toString())
                                    .put("at", now.toString()), now)));
        }));
    }

    /** The sending school's outcomes. */
    public Uni<OutcomeTable> ofSender(Caller caller) {
        String school = caller.requireSchool();
        return Uni.combine().all().unis(feedback.codes(pool), feedback.countsOfSender(pool, school))
                .with((codes, counts) -> table(school, codes, counts, config.k()));
    }

    /** The region's outcomes, over all its sending schools. */
    public Uni<OutcomeTable> ofRegion(Caller caller) {
        String region = caller.requireRegion();
        return Uni.combine().all().unis(feedback.codes(pool), feedback.countsOfRegion(pool, region))
                .with((codes, counts) -> table(region, codes, counts, config.k()));
    }

    /** The counts as rows of school year and advice level, each published by {@link OutcomeSuppression}. */
    static OutcomeTable table(String scope, List<OutcomeCode> codes, List<CareerFeedbackRepository.Count> counts, int k) {
        List<String> names = codes.stream().map(OutcomeCode::code).toList();
        Map<List<String>, int[]> rows = new LinkedHashMap<>();
        counts.stream()
                .sorted(Comparator.comparing(CareerFeedbackRepository.Count::schoolYear)
                        .thenComparing(count -> AdviceLevel.ofWireName(count.adviceLevel()).map(Enum::ordinal).orElse(99)))
                .forEach(count -> rows.computeIfAbsent(List.of(count.schoolYear(), count.adviceLevel()),
                        key -> new int[names.size()])[names.indexOf(count.code())] += count.pupils());
        List<OutcomeTable.Row> out = new ArrayList<>();
        rows.forEach((key, row) -> {
            OutcomeSuppression.Published published = OutcomeSuppression.publish(row, k);
            List<OutcomeTable.Cell> cells = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Integer shown = published.counts().get(i);
                cells.add(new OutcomeTable.Cell(names.get(i), shown, shown == null));
            }
            out.add(new OutcomeTable.Row(key.get(0), key.get(1), published.total(), published.withheld(), cells));
        });
        return new OutcomeTable(scope, k, names, out);
    }
}
