package nl.overdracht.benchmarks;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A fault the suite injects into a run, and when: each while dossiers are being submitted, enrolled
 * and delivered, so that requests, the outbox relay, the consumers and the delivery worker are all
 * busy when it strikes.
 */
enum Fault {

    KILL_INTAKE("kill-intake", When.HALF_ACCEPTED,
            "kill -9 of the service once half the dossiers are accepted, then a restart"),
    KILL_DELIVERY("kill-delivery", When.QUARTER_PACKAGED,
            "kill -9 of the service while it packages (a quarter of the dossiers packaged), then a restart"),
    POSTGRES_REFUSING("postgres-refusing", When.HALF_ACCEPTED,
            "PostgreSQL stopped once half the dossiers are accepted (connections refused), started again after the outage"),
    POSTGRES_FROZEN("postgres-frozen", When.HALF_ACCEPTED,
            "PostgreSQL frozen once half the dossiers are accepted (SIGSTOP to the postmaster and every backend), "
                    + "SIGCONT after the outage"),
    KAFKA_STOPPED("kafka-stopped", When.HALF_ACCEPTED,
            "the Kafka broker stopped once half the dossiers are accepted, restarted on its log after the outage");

    /** When a fault strikes. */
    enum When {
        /** Half the submissions answered 2xx. */
        HALF_ACCEPTED,
        /** A quarter of the dossiers packaged for delivery. */
        QUARTER_PACKAGED
    }

    private final String id;
    private final When when;
    private final String description;

    Fault(String id, When when, String description) {
        this.id = id;
        this.when = when;
        this.description = description;
    }

    String id() {
        return id;
    }

    When when() {
        return when;
    }

    String description() {
        return description;
    }

    static Fault byId(String id) {
        return Arrays.stream(values()).filter(fault -> fault.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown fault " + id + "; the faults are " + ids()));
    }

    static String ids() {
        return Arrays.stream(values()).map(Fault::id).collect(Collectors.joining(", "));
    }
}
