package nl.overdracht.k8s;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an object into an API's Java model and refuses what the model does not know. The fabric8 and
 * Strimzi models keep unknown fields in an "additional properties" map, so that a client can carry
 * fields of a newer API; here such a field is a typo or a field of another version, and the API server
 * would drop or refuse it. So the mappers below ignore those maps and every {@code ignoreUnknown}, fail
 * on an unknown property, and coerce no scalar (a quoted number stays a string, and fails).
 */
final class StrictModels {

    /** fabric8's Kubernetes and Prometheus-operator models (Jackson 3). */
    private static final JsonMapper FABRIC8 = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                    return Boolean.FALSE;
                }

                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
                    return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** Strimzi's model (Jackson 2, which it is built with). */
    private static final com.fasterxml.jackson.databind.ObjectMapper STRIMZI = com.fasterxml.jackson.databind.json.JsonMapper
            .builder()
            .annotationIntrospector(new com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(com.fasterxml.jackson.databind.introspect.Annotated a) {
                    return Boolean.FALSE;
                }

                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(
                        com.fasterxml.jackson.databind.cfg.MapperConfig<?> config,
                        com.fasterxml.jackson.databind.introspect.Annotated a) {
                    return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
                }
            })
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private StrictModels() {
    }

    /** Why {@code object} is not a valid {@code type} of the fabric8 model, or null when it is. */
    static String fabric8Problem(JsonNode object, Class<?> type) {
        try {
            FABRIC8.treeToValue(object, type);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Why {@code object} is not a valid {@code type} of Strimzi's model, or null when it is. */
    static String strimziProblem(JsonNode object, Class<?> type) {
        try {
            STRIMZI.readValue(object.toString(), type);
            return null;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return e.getMessage();
        }
    }
}
