package nl.overdracht.delivery;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.platform.QueryParams;
import nl.overdracht.security.CurrentCaller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/deliveries}: the receiving school lists, downloads and acknowledges its deliveries. */
@Path("/api/v1/deliveries")
@Tag(name = "deliveries")
@RolesAllowed(Roles.RECEIVING_SCHOOL)
public class DeliveryResource {

    static final String PKCS7_MIME = "application/pkcs7-mime";

    /** @param contentSha256 SHA-256 of the decrypted content (the dossier bytes, not the envelope), hex */
    public record AcknowledgementRequest(@NotNull @Pattern(regexp = "[0-9a-fA-F]{64}",
            message = "64 hexadecimal characters") String contentSha256) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    DeliveryService deliveries;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The school's deliveries: pending (default), acknowledged or all")
    public Uni<List<DeliveryView>> list(@QueryParam("state") String state, @QueryParam("limit") String limit) {
        int size = QueryParams.limit("/limit", limit);
        return deliveries.list(caller.get(), filter(state), size);
    }

    @GET
    @Path("{id}")
    @Produces({PKCS7_MIME, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "The package: CMS SignedData inside EnvelopedData (or AuthEnvelopedData), DER; ETag is its SHA-256")
    public Uni<Response> download(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return deliveries.download(caller.get(), id, Optional.ofNullable(ifNoneMatch)).map(download -> download.notModified()
                ? Response.notModified().header(HttpHeaders.ETAG, download.etag()).build()
                : Response.ok(download.body(), download.mediaType())
                        .header(HttpHeaders.ETAG, download.etag())
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                        .header("Content-Disposition", "attachment; filename=\"" + id + ".p7m\"")
                        .build());
    }

    @POST
    @Path("{id}/acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm receipt with the SHA-256 of the decrypted content; a repeat gives the same answer")
    public Uni<Acknowledgement> acknowledge(@PathParam("id") UUID id, @Valid @NotNull AcknowledgementRequest request) {
        return deliveries.acknowledge(caller.get(), id, HexFormat.of().parseHex(request.contentSha256()
                .toLowerCase(Locale.ROOT)));
    }

    private static DeliveryService.Filter filter(String state) {
        if (state == null) {
            return DeliveryService.Filter.PENDING;
        }
        try {
            return DeliveryService.Filter.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "state must be pending, acknowledged or all.",
                    List.of(new Problem.FieldError("/state", "pending, acknowledged or all")));
        }
    }
}
