package nl.overdracht.production;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
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

    /** How many of the dossier's outbox events wait unpublished, read as the superuser. */
    long unpublishedEvents(UUID dossier) throws SQLException {
        try (Connection connection = postgres.superuser();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND published_at IS NULL")) {
            query.setObject(1, dossier);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Override
    public String toString() {
        return "ProductionService[management port " + managementPort + "]";
    }
}
