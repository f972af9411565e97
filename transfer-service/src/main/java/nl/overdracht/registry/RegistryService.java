package nl.overdracht.registry;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
    SchoolRepository schools;

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
        NewSchool checked = new NewSchool(school.id(), school.name(), checkProfiles(school.acceptedProfiles()),
                school.authEnvelopedData());
        Instant now = clock.instant();
        return pool.withTransaction(tx -> schools.insert(tx, checked, region, SchoolStatus.ACTIVE, now)
                        .flatMap(inserted -> {
                            if (!inserted) {
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
        return schools.listInRegion(caller.requireRegion(), clock.instant());
    }

    public Uni<SchoolView> get(Caller caller, String schoolId) {
        return find(pool, schoolId, caller.requireRegion(), clock.instant());
    }

    public Uni<SchoolView> change(Caller caller, String schoolId, SchoolChange change) {
        String region = caller.requireRegion();
        SchoolChange checked = new SchoolChange(change.name(), change.status(),
                change.acceptedProfiles().map(this::checkProfiles), change.authEnvelopedData());
        Instant now = clock.instant();
        return pool.withTransaction(tx -> lock(tx, schoolId, region)
                        .flatMap(current -> {
                            String outcome = change.status().filter(status -> status != current)
                                    .map(status -> status == SchoolStatus.SUSPENDED ? "suspended" : "activated")
                                    .orElse("changed");
                            return schools.update(tx, schoolId, checked, now)
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
                            return schools.insertCertificate(tx, id, schoolId, upload, now)
                                    .flatMap(inserted -> {
                                        if (!inserted) {
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
                .flatMap(school -> schools.certificates(schoolId, school.currentCertificate()));
    }

    /** Revokes a certificate; it is never used again. Revoking a revoked certificate changes nothing. */
    public Uni<CertificateView> revokeCertificate(Caller caller, String schoolId, UUID certificateId) {
        String region = caller.requireRegion();
        Instant now = clock.instant();
        return pool.withTransaction(tx -> lock(tx, schoolId, region)
                        .flatMap(school -> schools.revokeCertificate(tx, schoolId, certificateId, now))
                        .flatMap(revoked -> revoked.isEmpty() ? Uni.createFrom().voidItem()
                                : audit.append(tx, new AuditRecord(AuditAction.CERTIFICATE_REVOKED,
                                        AuditActor.of(caller, Roles.OPERATOR), null, schoolId + ":revoked",
                                        revoked.get())))
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

    /** Locks the school for the rest of {@code tx} and answers its status; 404 when it is not in {@code region}. */
    private Uni<SchoolStatus> lock(SqlConnection tx, String schoolId, String region) {
        return schools.lockInRegion(tx, schoolId, region)
                .map(status -> status.orElseThrow(() -> Problems.noSuchSchool()));
    }

    private Uni<SchoolView> find(SqlClient client, String schoolId, String region, Instant now) {
        return schools.findInRegion(client, schoolId, region, now)
                .map(view -> view.orElseThrow(() -> Problems.noSuchSchool()));
    }

    private Uni<CertificateView> certificate(SqlClient client, String schoolId, UUID certificateId, Instant now) {
        return schools.certificate(client, schoolId, certificateId, now)
                .map(view -> view.orElseThrow(Problems::noSuchCertificate));
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
