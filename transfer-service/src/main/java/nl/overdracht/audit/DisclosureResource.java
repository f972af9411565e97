package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.platform.Problems;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.security.Caller;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /api/v1/dossiers/{id}/audit}: the disclosure log of one dossier, for its sending
 * school (as sending school) and its receiving school (as receiving school). Anyone else gets the
 * same 404 as for a dossier that does not exist, and the attempt is audited.
 */
@Path("/api/v1/dossiers/{id}/audit")
@Tag(name = "audit")
public class DisclosureResource {

    @Inject
    CurrentCaller callers;

    @Inject
    Pool pool;

    @Inject
    DossierRepository dossiers;

    @Inject
    AuditQueries queries;

    @Inject
    AuditLog audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SENDING_SCHOOL, Roles.RECEIVING_SCHOOL})
    @Operation(summary = "Who did what with this dossier, by school and role; for its sending and receiving school")
    public Uni<AuditViews.Disclosures> disclosures(@RestPath String id, @RestQuery String cursor,
            @RestQuery String limit) {
        Caller caller = callers.get();
        UUID dossier = uuid(id);
        AuditQueries.Filter filter = new AuditQueries.Filter(null, dossier, null, null, null, null,
                QueryParams.cursor("cursor", cursor), QueryParams.limit("limit", limit));
        return dossiers.parties(pool, dossier)
                .flatMap(parties -> {
                    String role = parties.map(found -> partyRole(caller, found)).orElse(null);
                    if (role == null) {
                        return refuse(caller, dossier);
                    }
                    return queries.entries(filter).map(page -> new AuditViews.Disclosures(
                            page.items().stream().map(AuditViews.Disclosure::of).toList(), page.next()));
                });
    }

    /** The role in which the caller is a party to the dossier, or null when it is not one. */
    static String partyRole(Caller caller, DossierRepository.Parties dossier) {
        String school = caller.school().orElse(null);
        if (school == null) {
            return null;
        }
        if (caller.hasRole(Roles.SENDING_SCHOOL) && school.equals(dossier.sendingSchool())) {
            return Roles.SENDING_SCHOOL;
        }
        if (caller.hasRole(Roles.RECEIVING_SCHOOL) && school.equals(dossier.receivingSchool())) {
            return Roles.RECEIVING_SCHOOL;
        }
        return null;
    }

    private Uni<AuditViews.Disclosures> refuse(Caller caller, UUID dossier) {
        String role = caller.hasRole(Roles.SENDING_SCHOOL) ? Roles.SENDING_SCHOOL : Roles.RECEIVING_SCHOOL;
        AuditRecord refusal = new AuditRecord(AuditAction.ACCESS_REFUSED, AuditActor.of(caller, role), dossier,
                "refused:not-a-party", null);
        return audit.append(refusal).onItemOrFailure().transformToUni((ignored, failure) -> Uni.createFrom()
                .failure(Problems.noSuchDossier()));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problems.noSuchDossier();
        }
    }
}
