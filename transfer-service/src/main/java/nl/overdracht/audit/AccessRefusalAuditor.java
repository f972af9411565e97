package nl.overdracht.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.overdracht.platform.AccessRefused;
import org.jboss.logging.Logger;

/**
 * Audits every 401 and 403 the {@link nl.overdracht.platform.ProblemMapper} answers, off the
 * request's thread: a refused token (401) is counted per source network and reason ({@link
 * RefusedTokenCounts}), since anyone can send those by the thousand; a refused caller, whose token
 * was valid (403), gets an entry of its own, in a transaction of its own: the refusal has no
 * transaction to join, and a failure to audit it must not change the answer. Failures are logged
 * with ids only.
 */
@ApplicationScoped
class AccessRefusalAuditor {

    /** The actor role of a refused caller: its token proved no role that allowed the request. */
    static final String REFUSED_ROLE = "refused";
    static final String ANONYMOUS = "anonymous";
    private static final Pattern DOSSIER_PATH = Pattern.compile("/api/v1/dossiers/([0-9a-fA-F-]{36})(/.*)?");
    private static final Logger LOG = Logger.getLogger(AccessRefusalAuditor.class);

    @Inject
    AuditLog audit;

    @Inject
    RefusedTokenCounts refusedTokens;

    CompletionStage<Void> onRefusal(@ObservesAsync AccessRefused refused) {
        if (refused.tokenRefused()) {
            refusedTokens.count(refused.source(), refused.reason());
            return CompletableFuture.completedFuture(null);
        }
        AuditRecord record;
        try {
            record = record(refused);
        } catch (IllegalArgumentException e) {
            // a subject that is not an identifier is not written anywhere, not even to the log
            record = record(AccessRefused.caller(refused.path(), refused.status(), null));
        }
        UUID dossier = record.dossierId();
        return audit.append(record)
                .onFailure().invoke(e -> LOG.warnf("Could not audit a refused request (status %d, dossier %s): %s",
                        refused.status(), dossier, e.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .subscribeAsCompletionStage()
                .exceptionally(e -> null);
    }

    static AuditRecord record(AccessRefused refused) {
        String subject = refused.subject() == null ? ANONYMOUS : refused.subject();
        return new AuditRecord(AuditAction.ACCESS_REFUSED, new AuditActor(subject, REFUSED_ROLE, null, null),
                dossier(refused.path()), "http-" + refused.status(), null);
    }

    private static UUID dossier(String path) {
        Matcher matcher = path == null ? null : DOSSIER_PATH.matcher(path);
        if (matcher == null || !matcher.matches()) {
            return null;
        }
        try {
            return UUID.fromString(matcher.group(1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
