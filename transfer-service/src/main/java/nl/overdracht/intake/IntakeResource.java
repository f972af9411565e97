package nl.overdracht.intake;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.registry.SchoolId;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/dossiers}: the sending school submits, revises, withdraws and follows its dossiers. */
@Path("/api/v1/dossiers")
@Tag(name = "dossiers")
@RolesAllowed(Roles.SENDING_SCHOOL)
@Produces(MediaType.APPLICATION_JSON)
public class IntakeResource {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    @Inject
    CurrentCaller caller;

    @Inject
    IntakeService intake;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Submit a dossier: OSO gegevensset XML (application/xml) or a JSON profile such as vl-baso")
    public Uni<Response> submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @QueryParam("receivingSchool") String receivingSchool, byte[] body) {
        IntakeService.Submission submission = new IntakeService.Submission(caller.get(), contentType, body,
                Optional.ofNullable(idempotencyKey).map(IntakeResource::checkIdempotencyKey),
                Optional.ofNullable(receivingSchool).map(IntakeResource::checkSchool));
        return intake.submit(submission).map(outcome -> Response.status(Response.Status.CREATED)
                .location(URI.create("/api/v1/dossiers/" + outcome.status().id()))
                .header("Idempotent-Replayed", outcome.replayed())
                .entity(outcome.status())
                .build());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Submit a new revision of a dossier that is not yet released")
    public Uni<DossierStatus> revise(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        return intake.revise(caller.get(), id, contentType, body);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A dossier's status (never its content); another school's dossier is 404")
    public Uni<DossierStatus> status(@PathParam("id") UUID id) {
        return intake.status(caller.get(), id);
    }

    @GET
    @Operation(summary = "The school's dossiers, newest first, optionally in one state")
    public Uni<List<DossierStatus>> list(@QueryParam("state") String state, @QueryParam("limit") String limit) {
        int size = QueryParams.limit("/limit", limit);
        return intake.list(caller.get(), Optional.ofNullable(state).map(IntakeResource::checkState), size);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Withdraw a dossier before release; it is purged after the profile's retention")
    public Uni<DossierStatus> withdraw(@PathParam("id") UUID id) {
        return intake.withdraw(caller.get(), id);
    }

    private static String checkIdempotencyKey(String key) {
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "Idempotency-Key must be 1 to 200 visible ASCII characters.",
                    List.of(new Problem.FieldError("Idempotency-Key", "1 to 200 visible ASCII characters")));
        }
        return key;
    }

    private static String checkSchool(String school) {
        if (!SchoolId.isValid(school)) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "receivingSchool is not a school id.",
                    List.of(new Problem.FieldError("/receivingSchool", SchoolId.DESCRIPTION)));
        }
        return school;
    }

    private static String checkState(String state) {
        try {
            return nl.overdracht.lifecycle.TransferState.requireName(state);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "state is not a transfer state.",
                    List.of(new Problem.FieldError("/state", "one of the transfer states")));
        }
    }
}
