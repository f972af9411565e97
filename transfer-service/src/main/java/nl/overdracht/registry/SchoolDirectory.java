package nl.overdracht.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
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

    /**
     * SQL for the id of the current certificate of the school named by {@code schoolColumn} at the
     * time parameter {@code nowParameter} (such as {@code $2}), as a scalar subquery.
     */
    public static String currentCertificateSql(String schoolColumn, String nowParameter) {
        return "SELECT c.id FROM school_certificate c WHERE c.school_id = " + schoolColumn
                + " AND c.revoked_at IS NULL AND c.not_before <= " + nowParameter + " AND c.not_after > "
                + nowParameter + " ORDER BY c.added_at DESC, c.id DESC LIMIT 1";
    }

    /** The current certificate of {@code s.id} at {@code $2}, for {@link SchoolView#COLUMNS}. */
    static final String CURRENT_CERTIFICATE = currentCertificateSql("s.id", "$2");

    public Uni<Optional<SchoolEntry>> find(SqlClient client, String schoolId) {
        return client.preparedQuery("SELECT id, region, status, accepted_profiles, auth_enveloped FROM school "
                        + "WHERE id = $1")
                .execute(Tuple.of(schoolId))
                .map(rows -> rows.size() == 0 ? Optional.<SchoolEntry>empty()
                        : Optional.of(entry(rows.iterator().next())));
    }

    /** The certificate deliveries to {@code schoolId} are encrypted to at {@code now}; empty when none. */
    public Uni<Optional<RecipientCertificate>> currentCertificate(SqlClient client, String schoolId, Instant now) {
        return client.preparedQuery("SELECT id, der FROM school_certificate WHERE school_id = $1 AND revoked_at IS NULL "
                        + "AND not_before <= $2 AND not_after > $2 ORDER BY added_at DESC, id DESC")
                .execute(Tuple.of(schoolId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    for (Row row : rows) {
                        Optional<X509Certificate> certificate = parse(row.getBuffer("der").getBytes());
                        if (certificate.isPresent() && policy.problems(certificate.get(), now).isEmpty()) {
                            return Optional.of(new RecipientCertificate(row.getUUID("id"), certificate.get()));
                        }
                        LOG.warnf("Registered certificate %s of school %s is not usable; skipped",
                                row.getUUID("id"), schoolId);
                    }
                    return Optional.empty();
                });
    }

    static SchoolEntry entry(Row row) {
        return new SchoolEntry(row.getString("id"), row.getString("region"), SchoolStatus.valueOf(row.getString("status")),
                Set.copyOf(Arrays.asList(row.getArrayOfStrings("accepted_profiles"))), row.getBoolean("auth_enveloped"));
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
