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
import nl.overdracht.openapi.Audiences;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/deliveries}: the receiving school lists, downloads and acknowledges its deliveries. */
@Path("/api/v1/deliveries")
@Tag(name = Audiences.RECEIVING_SCHOOL)
@RolesAllowed(Roles.RECEIVING_SCHOOL)
public class DeliveryResource {

    static final String PKCS7_MIME = "application/pkcs7-mime";

    /** @param contentSha256 SHA-256 of the decrypted content (the dossier bytes, not the envelope), hex */
    public record AcknowledgementRequest(@Schema(description = "SHA-256 of the decrypted content, hex",
            example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}",
            message = "64 hexadecimal characters") String contentSha256) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    DeliveryService deliveries;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listDeliveries", summary = "List the school's deliveries",
            description = "The receiving school's deliveries: pending (not yet acknowledged, the default), "
                    + "acknowledged or all.")
    @APIResponse(responseCode = "200", description = "The deliveries")
    public Uni<List<DeliveryView>> list(@Parameter(description = "Which deliveries",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"pending", "acknowledged", "all"},
                            defaultValue = "pending"))
            @QueryParam("state") String state,
            @Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        int size = QueryParams.limit("/limit", limit);
        return deliveries.list(caller.get(), filter(state), size);
    }

    @GET
    @Path("{id}")
    @Produces({PKCS7_MIME, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(operationId = "downloadDelivery", summary = "Download a delivery's package",
            description = "The package: CMS SignedData inside EnvelopedData (or AuthEnvelopedData), DER, encrypted "
                    + "to the school's current certificate. Decrypt it with the school's private key, verify the "
                    + "service's signature, then acknowledge with the SHA-256 of the content. ETag is the "
                    + "package's SHA-256; with If-None-Match naming it the answer is 304 without a body.")
    @APIResponse(responseCode = "200", description = "The package",
            headers = @Header(name = "ETag", description = "The package's SHA-256, quoted",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = PKCS7_MIME, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                            schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "304", description = "The package is the one If-None-Match names",
            headers = @Header(name = "ETag", description = "The package's SHA-256, quoted",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The package waits for a valid certificate of the school")
    public Uni<Response> download(@Parameter(description = "The delivery's id (the dossier's id)") @PathParam("id") UUID id,
            @Parameter(description = "The ETag of a package already downloaded") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
            String ifNoneMatch) {
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
    @Operation(operationId = "acknowledgeDelivery", summary = "Acknowledge a delivery",
            description = "Confirms receipt with the SHA-256 of the decrypted content (the dossier bytes, not the "
                    + "envelope). The service purges the package after the profile's retention and answers the audit "
                    + "checkpoint that covers the acknowledgement. A repeat gives the same answer.")
    @APIResponse(responseCode = "200", description = "The acknowledgement")
    @APIResponse(responseCode = "409", description = "The delivery has not been downloaded, or is in no state to be "
            + "acknowledged")
    @APIResponse(responseCode = "422", description = "The hash is not the content's")
    public Uni<Acknowledgement> acknowledge(@Parameter(description = "The delivery's id") @PathParam("id") UUID id,
            @Valid @NotNull AcknowledgementRequest request) {
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
