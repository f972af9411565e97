package nl.overdracht.registry;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.platform.Problems;
import nl.overdracht.platform.StrictJson;
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

/** {@code /api/v1/registry/schools}: a region's operator keeps its schools and their certificates. */
@Path("/api/v1/registry/schools")
@Tag(name = Audiences.OPERATOR)
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
public class RegistryResource {

    /** PEM certificates are small; anything larger is not one. */
    static final int MAX_PEM_BYTES = 64 * 1024;
    static final String PEM = "application/x-pem-file";

    /**
     * A school to register; its region is the operator's.
     *
     * @param id BRIN plus vestiging ({@code 00YY00}) or instellingsnummer ({@code 012345})
     * @param acceptedProfiles profile versions the school accepts, as {@code profile@version}
     * @param authEnvelopedData deliveries as AuthEnvelopedData with AES-256-GCM (default false: EnvelopedData, AES-256-CBC)
     */
    public record SchoolRequest(@Schema(description = SchoolId.DESCRIPTION, example = "02AB00")
            @NotNull @Pattern(regexp = SchoolId.FORM, message = SchoolId.DESCRIPTION) String id,
            @Schema(example = "De Regenboog") @NotBlank @Size(max = 200) String name,
            @Schema(description = "Profile versions the school accepts, as profile@version",
                    example = "[\"oso-gegevensset@2019.1\", \"vl-baso@2\"]")
            @NotNull @Size(min = 1, max = 50) List<@NotNull String> acceptedProfiles,
            @Schema(description = "Deliveries as AuthEnvelopedData with AES-256-GCM; false (the default) is "
                    + "EnvelopedData with AES-256-CBC") Boolean authEnvelopedData) {
    }

    /** A change to a school; absent fields stay as they are. */
    public record SchoolChangeRequest(@Size(min = 1, max = 200) String name, SchoolStatus status,
            @Size(min = 1, max = 50) List<@NotNull String> acceptedProfiles, Boolean authEnvelopedData) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    RegistryService registry;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerSchool", summary = "Register a school",
            description = "Registers a school in the operator's region, with the profile versions it accepts. "
                    + "It takes part once it has a valid certificate.")
    @APIResponse(responseCode = "201", description = "Registered; Location names the school",
            headers = @Header(name = "Location", description = "The school's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchoolView.class)))
    @APIResponse(responseCode = "409", description = "The school is already registered")
    public Uni<Response> register(@Valid @NotNull SchoolRequest request) {
        return registry.register(caller.get(), new RegistryService.NewSchool(request.id(), request.name(),
                        request.acceptedProfiles(), Boolean.TRUE.equals(request.authEnvelopedData())))
                .map(view -> Response.created(URI.create("/api/v1/registry/schools/" + view.id())).entity(view).build());
    }

    @GET
    @Operation(operationId = "listSchools", summary = "List the region's schools",
            description = "The schools of the operator's region, with their status and current certificate.")
    @APIResponse(responseCode = "200", description = "The schools")
    public Uni<List<SchoolView>> list() {
        return registry.list(caller.get());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSchool", summary = "Read a school",
            description = "One school of the operator's region; another region's school is 404.")
    @APIResponse(responseCode = "200", description = "The school")
    public Uni<SchoolView> get(@Parameter(description = "The school's id", example = "02AB00") @PathParam("id") String id) {
        return registry.get(caller.get(), checkId(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeSchool", summary = "Change a school",
            description = "Changes a school's name, status (ACTIVE or SUSPENDED), accepted profiles or encryption; "
                    + "absent fields stay as they are. A suspended school neither sends nor receives.")
    @APIResponse(responseCode = "200", description = "The school as changed")
    public Uni<SchoolView> change(@Parameter(description = "The school's id", example = "02AB00") @PathParam("id") String id,
            @Valid @NotNull SchoolChangeRequest request) {
        return registry.change(caller.get(), checkId(id), new RegistryService.SchoolChange(
                Optional.ofNullable(request.name()), Optional.ofNullable(request.status()),
                Optional.ofNullable(request.acceptedProfiles()), Optional.ofNullable(request.authEnvelopedData())));
    }

    @POST
    @Path("{id}/certificates")
    @Consumes({PEM, MediaType.TEXT_PLAIN})
    @Operation(operationId = "addCertificate", summary = "Add a school's certificate",
            description = "Adds a PEM X.509 certificate with an RSA or EC key fit for encryption. The newest valid "
                    + "one is the school's current certificate, and deliveries waiting for one are encrypted to it.")
    @RequestBody(required = true, description = "One certificate, PEM", content = {
            @Content(mediaType = PEM, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "201", description = "Added; Location names the certificate",
            headers = @Header(name = "Location", description = "The certificate's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CertificateView.class)))
    @APIResponse(responseCode = "400", description = "The body is not a PEM certificate")
    @APIResponse(responseCode = "409", description = "The certificate is already registered for the school")
    @APIResponse(responseCode = "413", description = "The body is larger than a PEM certificate can be")
    @APIResponse(responseCode = "415", description = "The body is not PEM or plain text")
    @APIResponse(responseCode = "422", description = "The certificate cannot be used to encrypt deliveries")
    public Uni<Response> addCertificate(@Parameter(description = "The school's id", example = "02AB00") @PathParam("id") String id,
            @Parameter(hidden = true) byte[] pem) {
        String school = checkId(id);
        if (pem == null || pem.length == 0) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "Send the certificate as PEM in the body.");
        }
        if (pem.length > MAX_PEM_BYTES) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "A PEM certificate is at most " + MAX_PEM_BYTES
                    + " bytes.");
        }
        return registry.addCertificate(caller.get(), school, pem)
                .map(view -> Response.created(URI.create("/api/v1/registry/schools/" + school + "/certificates/"
                        + view.id())).entity(view).build());
    }

    @GET
    @Path("{id}/certificates")
    @Operation(operationId = "listCertificates", summary = "List a school's certificates",
            description = "A school's certificates, newest first, and which one is current.")
    @APIResponse(responseCode = "200", description = "The certificates")
    public Uni<List<CertificateView>> certificates(
            @Parameter(description = "The school's id", example = "02AB00") @PathParam("id") String id) {
        return registry.certificates(caller.get(), checkId(id));
    }

    @DELETE
    @Path("{id}/certificates/{certificateId}")
    @Operation(operationId = "revokeCertificate", summary = "Revoke a school's certificate",
            description = "A revoked certificate is never used again; deliveries waiting to be downloaded are "
                    + "encrypted again to the next valid one.")
    @APIResponse(responseCode = "200", description = "The revoked certificate")
    public Uni<CertificateView> revoke(@Parameter(description = "The school's id", example = "02AB00") @PathParam("id") String id,
            @Parameter(description = "The certificate's id") @PathParam("certificateId") UUID certificateId) {
        return registry.revokeCertificate(caller.get(), checkId(id), certificateId);
    }

    /** A malformed id names no school: 404, like another region's. */
    private static String checkId(String id) {
        if (!SchoolId.isValid(id)) {
            throw Problems.noSuchSchool();
        }
        return id;
    }
}
