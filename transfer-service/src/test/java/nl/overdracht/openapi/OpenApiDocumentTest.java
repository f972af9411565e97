package nl.overdracht.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import nl.overdracht.lifecycle.TransferState;
import nl.overdracht.platform.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document is a contract a vendor can generate a client from. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private JsonNode document;

    @BeforeEach
    void read() throws Exception {
        String body = given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        document = new ObjectMapper().readTree(body);
    }

    @Test
    void every_operation_has_an_operation_id_a_summary_a_description_and_an_audience_tag() {
        Set<String> tags = new HashSet<>();
        document.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));

        operations().forEach((where, operation) -> {
            assertThat(operation.path("operationId").asText()).as(where).matches("[a-z][A-Za-z]+");
            assertThat(operation.path("summary").asText()).as(where).isNotBlank();
            assertThat(operation.path("description").asText()).as(where).isNotBlank();
            assertThat(operation.path("tags")).as(where).isNotEmpty();
            operation.path("tags").forEach(tag -> assertThat(tags).as(where).contains(tag.asText()));
        });
    }

    @Test
    void no_two_operations_share_an_operation_id() {
        List<String> ids = operations().values().stream().map(op -> op.path("operationId").asText()).toList();

        assertThat(ids).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates();
    }

    @Test
    void every_refusal_is_the_problem_schema_as_problem_json() {
        operations().forEach((where, operation) -> {
            List<String> codes = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(codes::add);
            assertThat(codes).as(where).contains("401", "403", "429", "503");
            codes.stream().filter(code -> code.startsWith("4") || code.startsWith("5")).forEach(code ->
                    assertThat(operation.path("responses").path(code).path("content").path(Problem.MEDIA_TYPE)
                            .path("schema").path("$ref").asText())
                            .as(where + " " + code).isEqualTo("#/components/schemas/Problem"));
        });
    }

    @Test
    void the_problem_schema_names_the_fields_of_a_problem_and_of_each_field_at_fault() {
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        JsonNode fieldError = document.path("components").path("schemas").path("FieldError");

        assertThat(names(problem.path("properties")))
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "errors");
        assertThat(texts(problem.path("required"))).containsExactlyInAnyOrder("type", "title", "status");
        assertThat(names(fieldError.path("properties"))).containsExactlyInAnyOrder("pointer", "detail", "code");
    }

    @Test
    void submitting_a_dossier_documents_created_with_location_unsupported_media_type_and_unprocessable() {
        JsonNode submit = document.path("paths").path("/api/v1/dossiers").path("post");

        assertThat(submit.path("operationId").asText()).isEqualTo("submitDossier");
        assertThat(names(submit.path("responses"))).contains("201", "400", "409", "413", "415", "422")
                .doesNotContain("200");
        assertThat(submit.path("responses").path("201").path("headers").has("Location")).isTrue();
        assertThat(submit.path("responses").path("201").path("content").path("application/json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/DossierStatus");
        assertThat(StreamSupport.stream(submit.path("parameters").spliterator(), false)
                .map(p -> p.path("name").asText())).contains("Idempotency-Key", "receivingSchool");
    }

    @Test
    void the_headers_a_client_reads_are_documented() {
        JsonNode paths = document.path("paths");
        JsonNode download = paths.path("/api/v1/deliveries/{id}").path("get");

        assertThat(download.path("responses").path("200").path("headers").has("ETag")).isTrue();
        assertThat(download.path("responses").path("304").path("headers").has("ETag")).isTrue();
        assertThat(StreamSupport.stream(download.path("parameters").spliterator(), false)
                .map(p -> p.path("name").asText())).contains("If-None-Match");
        assertThat(download.path("responses").path("429").path("headers").has("Retry-After")).isTrue();
        assertThat(paths.path("/api/v1/audit/entries").path("get").path("responses").path("200").path("headers")
                .has("Audit-Next-Cursor")).isTrue();
    }

    @Test
    void the_state_filter_and_the_state_fields_list_every_transfer_state() {
        JsonNode state = StreamSupport.stream(document.path("paths").path("/api/v1/dossiers").path("get")
                .path("parameters").spliterator(), false).filter(p -> p.path("name").asText().equals("state"))
                .findFirst().orElseThrow();

        assertThat(texts(state.path("schema").path("enum"))).containsExactlyElementsOf(TransferState.NAMES);
        assertThat(texts(document.path("components").path("schemas").path("TransferState").path("enum")))
                .containsExactlyElementsOf(TransferState.NAMES);
        assertThat(document.path("components").path("schemas").path("DossierStatus").path("properties").path("state")
                .path("$ref").asText()).isEqualTo("#/components/schemas/TransferState");
    }

    @Test
    void every_parameter_is_described() {
        operations().forEach((where, operation) -> operation.path("parameters").forEach(parameter ->
                assertThat(parameter.path("description").asText()).as(where + " " + parameter.path("name"))
                        .isNotBlank()));
    }

    @Test
    void the_bearer_scheme_explains_the_roles_and_the_servers_are_named() {
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("description").asText())
                .contains("sending-school", "receiving-school", "operator", "auditor", "national-auditor");
        assertThat(document.path("servers").findValuesAsText("url")).contains("http://localhost:8080", "/");
    }

    @Test
    void swagger_ui_is_public_on_the_api_port() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsString("swagger"));
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new java.util.TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
        assertThat(operations).isNotEmpty();
        return operations;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
