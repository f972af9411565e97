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
import nl.overdracht.openapi.Audiences;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/dossiers}: the sending school submits, revises, withdraws and follows its dossiers. */
@Path("/api/v1/dossiers")
@Tag(name = Audiences.SENDING_SCHOOL)
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
    @Operation(operationId = "submitDossier", summary = "Submit a dossier",
            description = "An OSO gegevensset (application/xml) or a dossier of a JSON profile such as vl-baso "
                    + "(application/json). The profile checks it: a field outside its whitelist, forbidden data or "
                    + "a missing mandatory section is 422 with every offending field in errors. Accepted, it waits "
                    + "for the receiving school's enrolment. A repeat with the same Idempotency-Key and body "
                    + "answers the first answer again, with Idempotent-Replayed: true.")
    @RequestBody(required = true, description = "The dossier, in its profile's format", content = {
            @Content(mediaType = MediaType.APPLICATION_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "201", description = "Accepted; Location names the dossier",
            headers = {@Header(name = "Location", description = "The dossier's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
                    @Header(name = "Idempotent-Replayed", description = "true when this answers an earlier request "
                            + "with the same Idempotency-Key", schema = @Schema(type = SchemaType.BOOLEAN))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierStatus.class)))
    @APIResponse(responseCode = "400", description = "The dossier is not well-formed, or a header or parameter is invalid")
    @APIResponse(responseCode = "403", description = "The role does not allow this, or the school is suspended or not registered")
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was used with another body, or the pupil "
            + "already has an open dossier from this school")
    @APIResponse(responseCode = "413", description = "The body exceeds the profile's limit")
    @APIResponse(responseCode = "415", description = "The media type is not one of a live profile")
    @APIResponse(responseCode = "422", description = "The profile refuses the dossier, or it names another sending "
            + "school, another receiving school than receivingSchool, or an unknown school")
    public Uni<Response> submit(@Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "Makes a retry safe: 1 to 200 visible ASCII characters, unique per request",
                    example = "7f1c2a9e-5b1d-4c0e-9a51-3d2b8f6e4a10")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Parameter(description = "The receiving school, when the dossier does not name it (JSON profiles); "
                    + "must agree with the dossier when both do", example = "02AB00",
                    schema = @Schema(type = SchemaType.STRING, pattern = SchoolId.FORM))
            @QueryParam("receivingSchool") String receivingSchool, @Parameter(hidden = true) byte[] body) {
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
    @Operation(operationId = "reviseDossier", summary = "Submit a new revision of a dossier",
            description = "Replaces the content of a dossier that is not yet released; the profile checks it as "
                    + "on submission and the revision number goes up.")
    @RequestBody(required = true, description = "The dossier's new revision, in its profile's format", content = {
            @Content(mediaType = MediaType.APPLICATION_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "200", description = "The dossier with its new revision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierStatus.class)))
    @APIResponse(responseCode = "400", description = "The dossier is not well-formed")
    @APIResponse(responseCode = "409", description = "The dossier is released or ended and can no longer be revised")
    @APIResponse(responseCode = "413", description = "The body exceeds the profile's limit")
    @APIResponse(responseCode = "415", description = "The media type is not the dossier's profile's")
    @APIResponse(responseCode = "422", description = "The profile refuses the revision")
    public Uni<DossierStatus> revise(@Parameter(description = "The dossier's id") @PathParam("id") UUID id,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(hidden = true) byte[] body) {
        return intake.revise(caller.get(), id, contentType, body);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getDossier", summary = "Read a dossier's status",
            description = "The dossier's state, parties, revision, hash and times, never its content. Another "
                    + "school's dossier is 404, like one that does not exist.")
    @APIResponse(responseCode = "200", description = "The dossier's status")
    public Uni<DossierStatus> status(@Parameter(description = "The dossier's id") @PathParam("id") UUID id) {
        return intake.status(caller.get(), id);
    }

    @GET
    @Operation(operationId = "listDossiers", summary = "List the school's dossiers",
            description = "The sending school's dossiers, newest first, optionally only those in one state.")
    @APIResponse(responseCode = "200", description = "The dossiers")
    public Uni<List<DossierStatus>> list(@Parameter(description = "Only dossiers in this state",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"SUBMITTED", "AWAITING_ENROLMENT", "OBJECTION_WINDOW",
                            "RELEASED", "DELIVERABLE", "ACKNOWLEDGED", "OBJECTED", "WITHDRAWN", "EXPIRED", "PURGED"}))
            @QueryParam("state") String state,
            @Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        int size = QueryParams.limit("/limit", limit);
        return intake.list(caller.get(), Optional.ofNullable(state).map(IntakeResource::checkState), size);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "withdrawDossier", summary = "Withdraw a dossier",
            description = "Withdraws a dossier before its release; it is purged after the profile's retention.")
    @APIResponse(responseCode = "200", description = "The withdrawn dossier")
    @APIResponse(responseCode = "409", description = "The dossier is released or ended and can no longer be withdrawn")
    public Uni<DossierStatus> withdraw(@Parameter(description = "The dossier's id") @PathParam("id") UUID id) {
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
