package nl.overdracht.openapi;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.overdracht.lifecycle.TransferState;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.servers.Server;

/**
 * Completes the document the annotations describe with what holds for every operation alike: each
 * operation under {@code /api} can be refused for want of a token (401), for its role (403), by the
 * rate limits (429) and when PostgreSQL is unavailable (503); one with parameters or a body also for
 * a malformed request (400), one with a body also for a body over the HTTP limit (413), one on a
 * resource by id also with 404. Every 4xx and 5xx answer is the one {@code Problem} schema as
 * {@code application/problem+json}, with {@code Retry-After} on 429 and 503, as {@code ProblemMapper}
 * and {@code RouteProblems} answer them.
 */
public class ContractFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    /** The dossier's states, from the lifecycle's own list; the views' state fields refer to it. */
    public static final String TRANSFER_STATE = "TransferState";

    /** The audiences, in the order a reader meets them in the README's walk-through. */
    static final Map<String, String> TAGS = tags();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(FIELD_ERROR, fieldError());
        components.addSchema(PROBLEM, problem());
        components.addSchema(TRANSFER_STATE, OASFactory.createSchema().addType(SchemaType.STRING)
                .description("A dossier's state in its lifecycle")
                .enumeration(List.copyOf(TransferState.NAMES)));
        openAPI.setServers(List.of(
                server("http://localhost:8080", "The embedded run (./mvnw quarkus:dev or java -jar) on this machine"),
                server("/", "The service that serves this document")));
        openAPI.setTags(TAGS.entrySet().stream()
                .map(tag -> OASFactory.createTag().name(tag.getKey()).description(tag.getValue()))
                .toList());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, PathItem> sorted = new TreeMap<>(openAPI.getPaths().getPathItems());
        sorted.forEach((path, item) -> item.getOperations().values().forEach(operation -> complete(path, operation)));
    }

    private static void complete(String path, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (path.startsWith("/api/")) {
            boolean hasInput = operation.getRequestBody() != null || operation.getParameters() != null
                    && operation.getParameters().stream().anyMatch(p -> p.getIn() != null
                    && p.getIn() != org.eclipse.microprofile.openapi.models.parameters.Parameter.In.PATH);
            if (hasInput) {
                addIfAbsent(responses, 400);
            }
            if (operation.getRequestBody() != null) {
                addIfAbsent(responses, 413);
            }
            addIfAbsent(responses, 401);
            addIfAbsent(responses, 403);
            if (path.contains("{")) {
                addIfAbsent(responses, 404);
            }
            addIfAbsent(responses, 429);
            addIfAbsent(responses, 503);
        }
        rolesAsExtension(operation);
        responses.getAPIResponses().forEach((code, response) -> {
            if (isError(code)) {
                asProblem(Integer.parseInt(code), response);
            }
        });
        responses.setAPIResponses(new TreeMap<>(responses.getAPIResponses()));
    }

    /**
     * The roles of an operation, which Quarkus lists as the bearer scheme's scopes, move to {@code x-roles}
     * and the description: scopes belong to OAuth 2 schemes, and a vendor reads the roles there.
     */
    private static void rolesAsExtension(Operation operation) {
        if (operation.getSecurity() == null) {
            return;
        }
        List<String> roles = new java.util.ArrayList<>();
        List<SecurityRequirement> requirements = new java.util.ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            SecurityRequirement bare = OASFactory.createSecurityRequirement();
            requirement.getSchemes().forEach((scheme, scopes) -> {
                roles.addAll(scopes == null ? List.of() : scopes);
                bare.addScheme(scheme);
            });
            requirements.add(bare);
        }
        operation.setSecurity(requirements);
        if (!roles.isEmpty()) {
            operation.addExtension("x-roles", List.copyOf(roles));
            String description = operation.getDescription() == null ? "" : operation.getDescription() + " ";
            operation.setDescription(description + (roles.size() == 1 ? "Role: " : "Roles: ")
                    + String.join(", ", roles) + ".");
        }
    }

    private static boolean isError(String code) {
        return code.length() == 3 && Character.isDigit(code.charAt(0)) && code.charAt(0) >= '4';
    }

    private static void addIfAbsent(APIResponses responses, int status) {
        if (!responses.hasAPIResponse(Integer.toString(status))) {
            responses.addAPIResponse(Integer.toString(status), OASFactory.createAPIResponse());
        }
    }

    private static void asProblem(int status, APIResponse response) {
        if (response.getDescription() == null || response.getDescription().isBlank()
                || response.getDescription().equals("Not Authorized") || response.getDescription().equals("Not Allowed")) {
            response.setDescription(ProblemType.forStatus(status).title());
        }
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
        response.setContent(content);
        if (status == 429 || status == 503) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Whole seconds to wait before trying again")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO)));
        }
    }

    private static Schema problem() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem details body: every refusal and error of the API")
                .addProperty("type", string("uri", "Stable URI of the kind of problem, under "
                        + ProblemType.BASE).example(ProblemType.UNPROCESSABLE.type().toString()))
                .addProperty("title", string(null, "The kind's title; the same for every problem of the kind")
                        .example(ProblemType.UNPROCESSABLE.title()))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status").example(422))
                .addProperty("detail", string(null, "What is wrong with this request"))
                .addProperty("instance", string("uri-reference", "The path of the request refused"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("The fields at fault; absent when the problem names none")
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR)))
                .required(List.of("type", "title", "status"))
                .addExample(example());
    }

    /** A refusal as the README's walk-through shows it: a dossier that names another sending school. */
    private static Map<String, Object> example() {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("pointer", "/dossier/huidigeschool/brincode");
        error.put("detail", "names 01XX00, not the caller's school 99ZZ00");
        error.put("code", "sender-mismatch");
        Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", ProblemType.SENDER_MISMATCH.type().toString());
        problem.put("title", ProblemType.SENDER_MISMATCH.title());
        problem.put("status", ProblemType.SENDER_MISMATCH.status());
        problem.put("detail", "The dossier names another sending school than the caller's.");
        problem.put("instance", "/api/v1/dossiers");
        problem.put("errors", List.of(error));
        return problem;
    }

    private static Schema fieldError() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("One field at fault")
                .addProperty("pointer", string(null, "JSON Pointer into the request, or an element path for XML")
                        .example("/receivingSchool"))
                .addProperty("detail", string(null, "What is wrong with it"))
                .addProperty("code", string(null, "A stable rule code, when a rule names one"))
                .required(List.of("pointer", "detail"));
    }

    private static Schema string(String format, String description) {
        Schema schema = OASFactory.createSchema().addType(SchemaType.STRING).description(description);
        return format == null ? schema : schema.format(format);
    }

    private static Server server(String url, String description) {
        return OASFactory.createServer().url(url).description(description);
    }

    private static Map<String, String> tags() {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        tags.put(Audiences.SENDING_SCHOOL, "The sending school's administration system: submits, revises and "
                + "withdraws dossiers, records the parents' objections and inspection, follows its notifications, "
                + "its warm handovers and how its former pupils fare (role sending-school)");
        tags.put(Audiences.RECEIVING_SCHOOL, "The receiving school's administration system: records enrolments, "
                + "lists, downloads and acknowledges its deliveries, plans warm handovers, reports school-career "
                + "outcomes (role receiving-school)");
        tags.put(Audiences.OPERATOR, "The region's operator: registers schools and their certificates, watches "
                + "the delivery queue, stuck work and enrolment conflicts, counts warm handovers and reads the "
                + "region's school-career outcomes (role operator)");
        tags.put(Audiences.AUDITOR, "Auditors read the hash-chained audit log, its signed checkpoints and its "
                + "verification (roles auditor and national-auditor); the parties to a dossier read its disclosures");
        tags.put(Audiences.PROFILES, "The dossier profiles the service carries; any valid token");
        tags.put(Audiences.ME, "Who the token says the caller is; any valid token");
        tags.put(Audiences.SIGNING, "Overdracht's signing certificate, which verifies its packages, audit checkpoints "
                + "and webhook signatures; any valid token");
        return java.util.Collections.unmodifiableMap(tags);
    }
}
