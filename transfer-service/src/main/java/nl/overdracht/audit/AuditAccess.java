package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.security.Caller;
import nl.overdracht.security.Roles;

/**
 * What a caller of the auditor API may read. A national auditor reads every entry and the export
 * of the chain; a regional auditor reads the entries in which a school of its token's region takes
 * part ({@link AuditRepository#IN_REGION}), and no export, since a hash chain can only be verified
 * whole. Checkpoints and verification carry hashes and a verdict only and are open to both. A
 * refusal is a 403 problem and is itself audited.
 */
@ApplicationScoped
class AuditAccess {

    static final String NO_REGION = "refused:no-region";
    static final String NOT_NATIONAL = "refused:not-national";

    @Inject
    AuditLog audit;

    /** The region whose entries the caller reads; empty for a national auditor (every region). */
    Uni<Optional<String>> region(Caller caller) {
        if (caller.hasRole(Roles.NATIONAL_AUDITOR)) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (caller.region().isPresent()) {
            return Uni.createFrom().item(caller.region());
        }
        return refuse(caller, NO_REGION, "A regional auditor's token needs a " + Caller.REGION_CLAIM
                + " claim; a " + Roles.NATIONAL_AUDITOR + " token reads every region.");
    }

    /** Completes for a national auditor; fails with 403 for anyone else. */
    Uni<Void> requireNational(Caller caller) {
        if (caller.hasRole(Roles.NATIONAL_AUDITOR)) {
            return Uni.createFrom().voidItem();
        }
        return refuse(caller, NOT_NATIONAL, "The export holds every entry of the chain, so only a "
                + Roles.NATIONAL_AUDITOR + " may fetch it; a regional auditor reads its region's entries at "
                + "/api/v1/audit/entries.");
    }

    private <T> Uni<T> refuse(Caller caller, String outcome, String detail) {
        return audit.append(refusal(caller, outcome)).onItemOrFailure().transformToUni((ignored, failure) ->
                Uni.createFrom().failure(new ApiException(ProblemType.FORBIDDEN, detail)));
    }

    private static AuditRecord refusal(Caller caller, String outcome) {
        AuditActor actor;
        try {
            actor = AuditActor.of(caller, Roles.AUDITOR);
        } catch (IllegalArgumentException e) {
            // a subject or region that is not an identifier is written nowhere
            actor = new AuditActor(AccessRefusalAuditor.ANONYMOUS, AccessRefusalAuditor.REFUSED_ROLE, null, null);
        }
        return new AuditRecord(AuditAction.ACCESS_REFUSED, actor, null, outcome, null);
    }
}
