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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/registry/schools}: a region's operator keeps its schools and their certificates. */
@Path("/api/v1/registry/schools")
@Tag(name = "registry")
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
    public record SchoolRequest(@NotNull @Pattern(regexp = SchoolId.FORM, message = SchoolId.DESCRIPTION) String id,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(min = 1, max = 50) List<@NotNull String> acceptedProfiles,
            Boolean authEnvelopedData) {
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
    @Operation(summary = "Register a school in the operator's region")
    public Uni<Response> register(@Valid @NotNull SchoolRequest request) {
        return registry.register(caller.get(), new RegistryService.NewSchool(request.id(), request.name(),
                        request.acceptedProfiles(), Boolean.TRUE.equals(request.authEnvelopedData())))
                .map(view -> Response.created(URI.create("/api/v1/registry/schools/" + view.id())).entity(view).build());
    }

    @GET
    @Operation(summary = "The schools of the operator's region")
    public Uni<List<SchoolView>> list() {
        return registry.list(caller.get());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One school of the operator's region; another region's school is 404")
    public Uni<SchoolView> get(@PathParam("id") String id) {
        return registry.get(caller.get(), checkId(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a school's name, status (ACTIVE or SUSPENDED), accepted profiles or encryption")
    public Uni<SchoolView> change(@PathParam("id") String id, @Valid @NotNull SchoolChangeRequest request) {
        return registry.change(caller.get(), checkId(id), new RegistryService.SchoolChange(
                Optional.ofNullable(request.name()), Optional.ofNullable(request.status()),
                Optional.ofNullable(request.acceptedProfiles()), Optional.ofNullable(request.authEnvelopedData())));
    }

    @POST
    @Path("{id}/certificates")
    @Consumes({PEM, MediaType.TEXT_PLAIN})
    @Operation(summary = "Add a PEM certificate; the newest valid one is used, and waiting deliveries are encrypted to it")
    public Uni<Response> addCertificate(@PathParam("id") String id, byte[] pem) {
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
    @Operation(summary = "A school's certificates, newest first, and which one is current")
    public Uni<List<CertificateView>> certificates(@PathParam("id") String id) {
        return registry.certificates(caller.get(), checkId(id));
    }

    @DELETE
    @Path("{id}/certificates/{certificateId}")
    @Operation(summary = "Revoke a certificate: it is never used again, and waiting deliveries move to the next one")
    public Uni<CertificateView> revoke(@PathParam("id") String id, @PathParam("certificateId") UUID certificateId) {
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
