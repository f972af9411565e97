package nl.overdracht.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
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
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The auditor's API: entries, checkpoints, verification and export. Auditors only: a regional
 * auditor reads the entries in which a school of its region takes part, a national auditor every
 * entry and the export ({@link AuditAccess}).
 */
@Path("/api/v1/audit")
@Tag(name = Audiences.AUDITOR)
@RolesAllowed({Roles.AUDITOR, Roles.NATIONAL_AUDITOR})
public class AuditResource {

    static final String CSV = "text/csv";
    static final String NEXT_CURSOR = "Audit-Next-Cursor";

    @Inject
    CurrentCaller callers;

    @Inject
    AuditAccess access;

    @Inject
    AuditQueries queries;

    @Inject
    AuditVerification verification;

    @Inject
    AuditExport export;

    @GET
    @Path("entries")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "listAuditEntries", summary = "List audit entries",
            description = "Audit entries in sequence order, filtered and cursor-paginated; CSV with Accept: text/csv. "
                    + "A regional auditor sees the entries in which a school of its region takes part. The next "
                    + "page's cursor is in next and in the Audit-Next-Cursor header.")
    @APIResponse(responseCode = "200", description = "A page of entries",
            headers = @Header(name = NEXT_CURSOR, description = "The cursor of the next page; absent on the last page",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditViews.Entries.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> entries(
            @Parameter(description = "Only entries about this dossier", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) @RestQuery String dossier,
            @Parameter(description = "Only entries whose actor is this school", example = "01XX00") @RestQuery String school,
            @Parameter(description = "Only entries of this action", schema = @Schema(implementation = AuditAction.class))
            @RestQuery String action,
            @Parameter(description = "Only entries at or after this instant (ISO-8601)",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @RestQuery String from,
            @Parameter(description = "Only entries before this instant (ISO-8601)",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @RestQuery String to,
            @Parameter(description = QueryParams.CURSOR_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @RestQuery String cursor,
            @Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @RestQuery String limit,
            HttpHeaders headers) {
        boolean csv = wantsCsv(headers);
        return access.region(callers.get())
                .map(region -> new AuditQueries.Filter(region.orElse(null), QueryParams.uuid("dossier", dossier),
                        school(school), action(action), QueryParams.instant("from", from),
                        QueryParams.instant("to", to), QueryParams.cursor("cursor", cursor),
                        QueryParams.limit("limit", limit)))
                .flatMap(queries::entries)
                .map(page -> entriesResponse(page, csv));
    }

    private static Response entriesResponse(AuditQueries.Page<AuditEntry> page, boolean csv) {
        var views = page.items().stream().map(AuditViews.Entry::of).toList();
        Response.ResponseBuilder response;
        if (csv) {
            StringBuilder out = new StringBuilder();
            Csv.row(out, AuditViews.Entry.CSV_HEADER);
            views.forEach(view -> Csv.row(out, view.csvRow()));
            response = Response.ok(out.toString(), CSV + ";charset=UTF-8");
        } else {
            response = Response.ok(new AuditViews.Entries(views, page.next()), MediaType.APPLICATION_JSON);
        }
        return (page.next() == null ? response : response.header(NEXT_CURSOR, page.next())).build();
    }

    @GET
    @Path("checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAuditCheckpoints", summary = "List signed checkpoints",
            description = "The audit chain's signed checkpoints in size order, cursor-paginated (cursor = the last size).")
    @APIResponse(responseCode = "200", description = "A page of checkpoints")
    public Uni<AuditViews.Checkpoints> checkpoints(@Parameter(description = QueryParams.CURSOR_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @RestQuery String cursor,
            @Parameter(description = QueryParams.LIMIT_DESCRIPTION,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
            @RestQuery String limit) {
        return queries.checkpoints(QueryParams.cursor("cursor", cursor), QueryParams.limit("limit", limit))
                .map(page -> new AuditViews.Checkpoints(
                        page.items().stream().map(AuditViews.CheckpointView::of).toList(), page.next()));
    }

    @GET
    @Path("verification")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "verifyAuditChain", summary = "Verify the audit chain",
            description = "Recomputes the hash chain over the sequence numbers from..to and checks the signed "
                    + "checkpoints in that range.")
    @APIResponse(responseCode = "200", description = "The verification's outcome")
    public Uni<ChainCheck.Verification> verification(@Parameter(description = "The first sequence number; 1 when absent",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestQuery String from,
            @Parameter(description = "The last sequence number; the newest when absent",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestQuery String to) {
        return verification.verify(QueryParams.sequence("from", from), QueryParams.sequence("to", to));
    }

    @GET
    @Path("export")
    @Produces(AuditExport.MEDIA_TYPE)
    @Operation(operationId = "exportAuditLog", summary = "Export the audit log",
            description = "The log over the sequence numbers from..to as JSON lines, for the standalone verifier; "
                    + "national auditors only.")
    @APIResponse(responseCode = "200", description = "The entries, one JSON object a line",
            content = @Content(mediaType = AuditExport.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> export(@Parameter(description = "The first sequence number; 1 when absent",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestQuery String from,
            @Parameter(description = "The last sequence number; the newest when absent",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestQuery String to) {
        return access.requireNational(callers.get())
                .flatMap(ignored -> export.export(QueryParams.sequence("from", from), QueryParams.sequence("to", to)))
                .map(body -> Response.ok(body, AuditExport.MEDIA_TYPE + ";charset=UTF-8").build());
    }

    private static AuditAction action(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditAction.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw QueryParams.invalid("action", "must be one of the audit actions");
        }
    }

    /**
     * The actor school to filter by. Not held to the school-id rule: the log records the school a
     * token claimed, also when the request was refused, and an auditor looks for exactly that.
     */
    private static String school(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 64) {
            throw QueryParams.invalid("school", "must be a school id");
        }
        return value.trim();
    }

    /** CSV when the caller prefers it to JSON; JSON otherwise (also for a missing or wildcard Accept). */
    static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.valueOf(CSV))) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
