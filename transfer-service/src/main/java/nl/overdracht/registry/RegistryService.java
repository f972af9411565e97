package nl.overdracht.registry;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.crypto.CertificatePolicy;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Bytea;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.platform.Problems;
import nl.overdracht.profile.ProfileCatalog;
import nl.overdracht.security.Caller;
import nl.overdracht.security.Roles;
import org.jboss.logging.Logger;

/**
 * Registry changes, each in one transaction with its audit entry, within the operator's own
 * region: a school of another region is answered as if it did not exist (404). After a change
 * commits, the {@link RegistryListener}s are told.
 */
@ApplicationScoped
public class RegistryService {

    private static final Logger LOG = Logger.getLogger(RegistryService.class);

    @Inject
    Pool pool;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    CertificatePolicy policy;

    @Inject
    ProfileCatalog profiles;

    @Inject
    @Any
    Instance<RegistryListener> listeners;

    /** A school to register in the operator's region. */
    public record NewSchool(String id, String name, List<String> acceptedProfiles, boolean authEnvelopedData) {
    }

    /** What to change; absent fields stay as they are. */
    public record SchoolChange(Optional<String> name, Optional<SchoolStatus> status,
            Optional<List<String>> acceptedProfiles, Optional<Boolean> authEnvelopedData) {
    }

    public Uni<SchoolView> register(Caller caller, NewSchool school) {
        String region = caller.requireRegion();
        List<String> accepted = checkProfiles(school.acceptedProfiles());
        Instant now = clock.instant();
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO school (id, name, region, status, "
                                + "accepted_profiles, auth_enveloped, created_at, updated_at) "
                                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (id) DO NOTHING")
                        .execute(Tuple.from(Arrays.asList(school.id(), school.name(), region, SchoolStatus.ACTIVE.name(),
                                accepted.toArray(String[]::new), school.authEnvelopedData(), now.atOffset(ZoneOffset.UTC))))
                        .flatMap(inserted -> {
                            if (inserted.rowCount() == 0) {
                                return Uni.createFrom().failure(new ApiException(ProblemType.CONFLICT,
                                        "School " + school.id() + " is already registered."));
                            }
                            return audit.append(tx, new AuditRecord(AuditAction.SCHOOL_REGISTERED,
                                    AuditActor.of(caller, Roles.OPERATOR), null, school.id() + ":registered", null));
                        })
                        .flatMap(done -> find(tx, school.id(), region, now)))
                .call(view -> changed(view.id()));
    }

    public Uni<List<SchoolView>> list(Caller caller) {
        String region = caller.requireRegion();
        return pool.preparedQuery("SELECT " + SchoolView.COLUMNS + " FROM school s WHERE s.region = $1 ORDER BY s.id")
                .execute(Tuple.of(region, clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<SchoolView> out = new ArrayList<>();
                    rows.forEach(row -> out.add(SchoolView.from(row)));
                    return out;
                });
    }

    public Uni<SchoolView> get(Caller caller, String schoolId) {
        return find(pool, schoolId, caller.requireRegion(), clock.instant());
    }

    public Uni<SchoolView> change(Caller caller, String schoolId, SchoolChange change) {
        String region = caller.requireRegion();
        Optional<List<String>> accepted = change.acceptedProfiles().map(this::checkProfiles);
        Instant now = clock.instant();
        return pool.withTransaction(tx -> lock(tx, schoolId, region)
                        .flatMap(row -> {
                            String outcome = change.status().filter(status -> !status.name().equals(row.getString("status")))
                                    .map(status -> status == SchoolStatus.SUSPENDED ? "suspended" : "activated")
                                    .orElse("changed");
                            return tx.preparedQuery("UPDATE school SET name = COALESCE($2, name), "
                                            + "status = COALESCE($3, status), "
                                            + "accepted_profiles = COALESCE($4, accepted_profiles), "
                                            + "auth_enveloped = COALESCE($5, auth_enveloped), updated_at = $6 WHERE id = $1")
                                    .execute(Tuple.from(Arrays.asList(schoolId, change.name().orElse(null),
                                            change.status().map(Enum::name).orElse(null),
                                            accepted.map(list -> list.toArray(String[]::new)).orElse(null),
                                            change.authEnvelopedData().orElse(null), now.atOffset(ZoneOffset.UTC))))
                                    .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.SCHOOL_CHANGED,
                                            AuditActor.of(caller, Roles.OPERATOR), null, schoolId + ":" + outcome, null)));
                        })
                        .flatMap(done -> find(tx, schoolId, region, now)))
                .call(view -> changed(schoolId));
    }

    /** Registers a certificate after {@link CertificatePolicy} accepted it: 422 naming every reason otherwise. */
    public Uni<CertificateView> addCertificate(Caller caller, String schoolId, byte[] pem) {
        String region = caller.requireRegion();
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> lock(tx, schoolId, region)
                        .flatMap(school -> {
                            PemCertificate upload = PemCertificate.parse(pem);
                            checkPolicy(upload, now);
                            return tx.preparedQuery("INSERT INTO school_certificate (id, school_id, der, sha256, subject, "
                                            + "key_algorithm, not_before, not_after, added_at) "
                                            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                                            + "ON CONFLICT (school_id, sha256) DO NOTHING")
                                    .execute(Tuple.from(Arrays.asList(id, schoolId, Bytea.of(upload.der()),
                                            Bytea.of(upload.sha256()), upload.subject(), upload.keyAlgorithm(),
                                            upload.certificate().getNotBefore().toInstant().atOffset(ZoneOffset.UTC),
                                            upload.certificate().getNotAfter().toInstant().atOffset(ZoneOffset.UTC),
                                            now.atOffset(ZoneOffset.UTC))))
                                    .flatMap(inserted -> {
                                        if (inserted.rowCount() == 0) {
                                            return Uni.createFrom().failure(new ApiException(ProblemType.CONFLICT,
                                                    "This certificate is already registered for school " + schoolId + "."));
                                        }
                                        return audit.append(tx, new AuditRecord(AuditAction.CERTIFICATE_ADDED,
                                                AuditActor.of(caller, Roles.OPERATOR), null, schoolId + ":added",
                                                upload.sha256()));
                                    });
                        })
                        .flatMap(done -> certificate(tx, schoolId, id, now)))
                .call(view -> changed(schoolId));
    }

    public Uni<List<CertificateView>> certificates(Caller caller, String schoolId) {
        String region = caller.requireRegion();
        Instant now = clock.instant();
        return find(pool, schoolId, region, now)
                .flatMap(school -> pool.preparedQuery("SELECT " + CertificateView.COLUMNS + " FROM school_certificate c "
                                + "WHERE c.school_id = $1 ORDER BY c.added_at DESC, c.id DESC")
                        .execute(Tuple.of(schoolId))
                        .map(rows -> {
                            List<CertificateView> out = new ArrayList<>();
                            rows.forEach(row -> out.add(CertificateView.from(row, school.currentCertificate())));
                            return out;
                        }));
    }

    /** Revokes a certificate; it is never used again. Revoking a revoked certificate changes nothing. */
    public Uni<CertificateView> revokeCertificate(Caller caller, String schoolId, UUID certificateId) {
        String region = caller.requireRegion();
        Instant now = clock.instant();
        return pool.withTransaction(tx -> lock(tx, schoolId, region)
                        .flatMap(school -> tx.preparedQuery("UPDATE school_certificate SET revoked_at = $3 "
                                        + "WHERE id = $1 AND school_id = $2 AND revoked_at IS NULL RETURNING sha256")
                                .execute(Tuple.of(certificateId, schoolId, now.atOffset(ZoneOffset.UTC))))
                        .flatMap(revoked -> revoked.size() == 0 ? Uni.createFrom().voidItem()
                                : audit.append(tx, new AuditRecord(AuditAction.CERTIFICATE_REVOKED,
                                        AuditActor.of(caller, Roles.OPERATOR), null, schoolId + ":revoked",
                                        revoked.iterator().next().getBuffer("sha256").getBytes())))
                        .flatMap(done -> certificate(tx, schoolId, certificateId, now)))
                .call(view -> changed(schoolId));
    }

    private void checkPolicy(PemCertificate upload, Instant now) {
        List<String> problems = policy.problems(upload.certificate(), now);
        if (!problems.isEmpty()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The certificate cannot be used to encrypt deliveries: "
                    + String.join("; ", problems) + ".",
                    problems.stream().map(problem -> new Problem.FieldError("/certificate", problem, code(problem)))
                            .toList());
        }
    }

    private static String code(String problem) {
        if (problem.startsWith("expired")) {
            return "certificate-expired";
        }
        if (problem.startsWith("not yet valid")) {
            return "certificate-not-yet-valid";
        }
        if (problem.startsWith("key usage")) {
            return "key-usage";
        }
        return "key-too-weak";
    }

    private List<String> checkProfiles(List<String> accepted) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (accepted == null || accepted.isEmpty()) {
            errors.add(new Problem.FieldError("/acceptedProfiles", "name at least one profile version, as profile@version",
                    "no-profiles"));
        } else {
            for (int i = 0; i < accepted.size(); i++) {
                String[] parts = String.valueOf(accepted.get(i)).split("@", 2);
                if (parts.length != 2 || profiles.find(parts[0], parts[1]).isEmpty()) {
                    errors.add(new Problem.FieldError("/acceptedProfiles/" + i, "not a known profile@version",
                            "unknown-profile"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "The accepted profile versions are not valid.", errors);
        }
        return List.copyOf(new LinkedHashSet<>(accepted));
    }

    private Uni<Row> lock(SqlConnection tx, String schoolId, String region) {
        return tx.preparedQuery("SELECT id, status FROM school WHERE id = $1 AND region = $2 FOR UPDATE")
                .execute(Tuple.of(schoolId, region))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Problems.noSuchSchool();
                    }
                    return rows.iterator().next();
                });
    }

    private Uni<SchoolView> find(SqlClient client, String schoolId, String region, Instant now) {
        return client.preparedQuery("SELECT " + SchoolView.COLUMNS + " FROM school s WHERE s.region = $1 AND s.id = $3")
                .execute(Tuple.of(region, now.atOffset(ZoneOffset.UTC), schoolId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Problems.noSuchSchool();
                    }
                    return SchoolView.from(rows.iterator().next());
                });
    }

    private Uni<CertificateView> certificate(SqlClient client, String schoolId, UUID certificateId, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return client.preparedQuery("SELECT " + CertificateView.COLUMNS + ", (" + SchoolDirectory.currentCertificateSql(
                                "c.school_id", "$3") + ") AS current_certificate FROM school_certificate c "
                        + "WHERE c.id = $1 AND c.school_id = $2")
                .execute(Tuple.of(certificateId, schoolId, at))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Problems.noSuchCertificate();
                    }
                    Row row = rows.iterator().next();
                    return CertificateView.from(row, row.getUUID("current_certificate"));
                });
    }

    /** Tells the listeners, one after the other; a failing listener is logged and catches up later. */
    private Uni<Void> changed(String schoolId) {
        return Multi.createFrom().iterable(listeners)
                .onItem().transformToUniAndConcatenate(listener -> listener.schoolChanged(schoolId)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("A registry listener failed after a change to school %s (%s); it catches up later",
                                    schoolId, failure.getClass().getSimpleName());
                            return null;
                        }))
                .collect().last()
                .replaceWithVoid();
    }
}
