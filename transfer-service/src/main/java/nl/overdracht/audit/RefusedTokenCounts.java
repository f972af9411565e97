package nl.overdracht.audit;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.overdracht.platform.BackgroundRound;
import nl.overdracht.platform.BackgroundWork;
import nl.overdracht.platform.ClientAddress;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refused tokens (401 for a presented token), counted rather than written one by one: anyone can
 * send bad tokens, and the audit log keeps every entry for ever. Each {@code
 * overdracht.audit.refusal-count-interval}, and when the service stops, one {@link
 * AuditAction#ACCESS_REFUSALS_COUNTED} entry per source network and reason is appended, all in one
 * transaction:
 *
 * <pre>
 * actor   subject = the network (203.0.113.0/24, 2001:db8:1:0:0:0:0:0/48, unknown or other), role = refused
 * outcome http-401:&lt;reason&gt;:count=&lt;n&gt;   reason = invalid-token | invalid-claim:&lt;claim&gt;
 * </pre>
 *
 * The network is the client address cut to its /24 (IPv4) or /48 (IPv6): enough to tell one source
 * of a flood from another, not enough to name a household's or a person's device in a log that is
 * never deleted. At most {@code overdracht.audit.refusal-count-sources} networks and reasons are
 * counted apart in an interval; the rest under the network {@value #OTHER}, so memory stays bounded
 * however many addresses a flood uses. Counts that could not be written stay to be written next time.
 */
@ApplicationScoped
public class RefusedTokenCounts {

    /** The network beyond the most that are counted apart in one interval. */
    static final String OTHER = "other";
    private static final Logger LOG = Logger.getLogger(RefusedTokenCounts.class);

    /** One source network and one reason. */
    record Source(String network, String reason) {
    }

    private final Map<Source, Long> counts = new ConcurrentHashMap<>();

    @Inject
    Pool pool;

    @Inject
    AuditLog audit;

    @Inject
    BackgroundWork work;

    @Inject
    AuditConfig config;

    @ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "10s")
    Duration stopTimeout;

    /** Counts one refused token from {@code address} for {@code reason}. */
    void count(String address, String reason) {
        Source source = new Source(ClientAddress.network(address), reason);
        if (!counts.containsKey(source) && counts.size() >= config.refusalCountSources()) {
            source = new Source(OTHER, reason);
        }
        counts.merge(source, 1L, Long::sum);
    }

    @Scheduled(every = "${overdracht.audit.refusal-count-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return work.round(BackgroundRound.REFUSED_TOKEN_COUNTS, this::flush);
    }

    /** Writes what was counted since the last time; answers how many entries. Tests call this instead of waiting. */
    Uni<Integer> flush() {
        Map<Source, Long> taken = new HashMap<>();
        for (Source source : List.copyOf(counts.keySet())) {
            Long count = counts.remove(source);
            if (count != null) {
                taken.put(source, count);
            }
        }
        if (taken.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<AuditRecord> records = new ArrayList<>();
        taken.forEach((source, count) -> records.add(record(source, count)));
        return pool.withTransaction(tx -> {
            Uni<Void> appended = Uni.createFrom().voidItem();
            for (AuditRecord record : records) {
                appended = appended.flatMap(ignored -> audit.append(tx, record));
            }
            return appended;
        }).replaceWith(records.size())
                .onFailure().invoke(failure -> taken.forEach((source, count) -> counts.merge(source, count, Long::sum)));
    }

    static AuditRecord record(Source source, long count) {
        return new AuditRecord(AuditAction.ACCESS_REFUSALS_COUNTED,
                new AuditActor(source.network(), AccessRefusalAuditor.REFUSED_ROLE, null, null), null,
                "http-401:" + source.reason() + ":count=" + count, null);
    }

    /** When the service starts to stop, while the pool is there: what was counted so far. */
    void stopping(@Observes ShutdownDelayInitiatedEvent stop) {
        flushAtStop();
    }

    /** And what was counted during the shutdown delay, if the pool is still there to take it. */
    void stopped(@Observes ShutdownEvent stop) {
        flushAtStop();
    }

    private void flushAtStop() {
        try {
            int written = flush().await().atMost(stopTimeout);
            if (written > 0) {
                LOG.infof("Wrote %d refused-token count(s) to the audit log as the service stops", written);
            }
        } catch (RuntimeException e) {
            // the pool may be closing: a stop says nothing above INFO, as for the abandoned rounds
            LOG.infof("The refused-token counts of the last moments could not be written as the service stops (%s)",
                    e.getClass().getSimpleName());
        }
    }
}
