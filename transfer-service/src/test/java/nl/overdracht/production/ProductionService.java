package nl.overdracht.production;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import nl.overdracht.embedded.SecuredKafka;

/**
 * What a test of the production build knows of the service under test besides its API port:
 * where readiness is, the database and the broker it runs on, its signing certificate, and the
 * secrets it was given (to show that none of them comes back out).
 *
 * @param managementPort the port of health and metrics
 * @param postgres the service's PostgreSQL
 * @param kafka the service's Kafka
 * @param kafkaPassword the Kafka password the service was given (the broker may not know it)
 * @param signingCertificate the PEM certificate of the service's signing key
 * @param secrets every password and key value the service or its servers were given
 */
record ProductionService(int managementPort, ProductionPostgres postgres, SecuredKafka kafka, String kafkaPassword,
        Path signingCertificate, List<String> secrets) {

    URI readiness() {
        return URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
    }

    /** The health group of the service's background work (the outbox relay's verdict). */
    URI background() {
        return URI.create("http://127.0.0.1:" + managementPort + "/q/health/group/background");
    }

    @Override
    public String toString() {
        return "ProductionService[management port " + managementPort + "]";
    }
}
