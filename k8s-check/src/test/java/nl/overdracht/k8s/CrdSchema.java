package nl.overdracht.k8s;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One version of a CustomResourceDefinition's OpenAPI v3 schema, as a validator of objects of its kind,
 * for operators with no Java model on Maven Central (CloudNativePG). The definition is the operator's
 * own YAML, kept under {@code src/test/resources/crds/} with its source.
 *
 * <p>A structural schema lets an object carry fields it does not declare (the API server prunes them);
 * here every object schema that declares its properties and neither preserves unknown fields nor
 * declares additional ones gets {@code additionalProperties: false}, so a misspelt field is an error.
 */
final class CrdSchema {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private final Schema schema;

    private CrdSchema(Schema schema) {
        this.schema = schema;
    }

    /** The schema of {@code version} in the CRD at class-path {@code resource}. */
    static CrdSchema of(String resource, String version) {
        JsonNode crd;
        try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            crd = Kustomize.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode served : crd.at("/spec/versions")) {
            if (served.path("name").asString().equals(version)) {
                JsonNode openApi = served.at("/schema/openAPIV3Schema").deepCopy();
                closeObjects(openApi);
                return new CrdSchema(REGISTRY.getSchema(openApi));
            }
        }
        throw new IllegalStateException(resource + " serves no version " + version);
    }

    /** What is wrong with {@code object}, one line per error; empty when nothing is. */
    List<String> problems(JsonNode object) {
        List<Error> errors = schema.validate(object);
        return errors.stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    /** Walks schemas only: the values of properties, items, additionalProperties and the combinators. */
    private static void closeObjects(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("properties") && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        for (JsonNode property : object.path("properties")) {
            closeObjects(property);
        }
        closeObjects(object.path("items"));
        closeObjects(object.path("additionalProperties"));
        closeObjects(object.path("not"));
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode alternative : object.path(combinator)) {
                closeObjects(alternative);
            }
        }
    }
}
