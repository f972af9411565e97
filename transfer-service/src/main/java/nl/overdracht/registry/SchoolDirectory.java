package nl.overdracht.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.overdracht.crypto.CertificatePolicy;
import org.jboss.logging.Logger;

/**
 * Reads the registry for the rest of the service: a school's entry, and the certificate
 * deliveries to it are encrypted to now.
 *
 * <p>A school's current certificate is the most recently added one that is not revoked, is valid
 * at the given time and still passes {@link CertificatePolicy}; a revoked or expired certificate
 * is never current.
 */
@ApplicationScoped
public class SchoolDirectory {

    private static final Logger LOG = Logger.getLogger(SchoolDirectory.class);

    @Inject
    SchoolRepository schools;

    @Inject
    CertificatePolicy policy;

    /**
     * A school as the rest of the service needs it.
     *
     * @param acceptedProfiles {@code profile@version} entries
     */
    public record SchoolEntry(String id, String region, SchoolStatus status, Set<String> acceptedProfiles,
            boolean authEnvelopedData) {

        public SchoolEntry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
            acceptedProfiles = Set.copyOf(acceptedProfiles);
        }

        public boolean active() {
            return status == SchoolStatus.ACTIVE;
        }

        public boolean accepts(String profileId, String profileVersion) {
            return acceptedProfiles.contains(profileId + "@" + profileVersion);
        }
    }

    /** A certificate to encrypt to, with its registry id. */
    public record RecipientCertificate(UUID id, X509Certificate certificate) {
        public RecipientCertificate {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    public Uni<Optional<SchoolEntry>> find(SqlClient client, String schoolId) {
        return schools.findEntry(client, schoolId);
    }

    /** The certificate deliveries to {@code schoolId} are encrypted to at {@code now}; empty when none. */
    public Uni<Optional<RecipientCertificate>> currentCertificate(SqlClient client, String schoolId, Instant now) {
        return schools.certificatesValidAt(client, schoolId, now)
                .map(stored -> {
                    for (SchoolRepository.StoredCertificate candidate : stored) {
                        Optional<X509Certificate> certificate = parse(candidate.der());
                        if (certificate.isPresent() && policy.problems(certificate.get(), now).isEmpty()) {
                            return Optional.of(new RecipientCertificate(candidate.id(), certificate.get()));
                        }
                        LOG.warnf("Registered certificate %s of school %s is not usable; skipped",
                                candidate.id(), schoolId);
                    }
                    return Optional.empty();
                });
    }

    private static Optional<X509Certificate> parse(byte[] der) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException e) {
            return Optional.empty();
        }
    }
}
