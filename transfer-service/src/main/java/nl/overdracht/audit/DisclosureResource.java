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
import nl.overdracht.openapi.Audiences;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /api/v1/dossiers/{id}/audit}: the disclosure log of one dossier, for its sending
 * school (as sending school) and its receiving school (as receiving school). Anyone else gets the
 * same 404 as for a dossier that does not exist, and the attempt is audited.
 */
@Path("/api/v1/dossiers/{id}/audit")
@Tag(name = Audiences.SENDING_SCHOOL)
@Tag(name = Audiences.RECEIVING_SCHOOL)
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
    @Operation(operationId = "listDisclosures", summary = "List who did what with a dossier",
            description = "The audit entries about the dossier, by school and role, for its sending and receiving "
                    + "school; anyone else is answered 404, and the refusal is audited.")
    @APIResponse(responseCode = "200", description = "A page of disclosures")
    public Uni<AuditViews.Disclosures> disclosures(@Parameter(description = "The dossier's id",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @RestPath String id,
            @Parameter(description = QueryParams.CURSOR_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @RestQuery String cursor,
            @Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
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
