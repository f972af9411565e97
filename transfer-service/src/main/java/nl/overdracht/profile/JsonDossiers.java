package nl.overdracht.profile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** The hardened JSON parser for dossiers: caps on size, depth, names and numbers; duplicate members refused. */
final class JsonDossiers {

    static final int MAX_DEPTH = 32;

    private JsonDossiers() {
    }

    static ObjectMapper mapper(long maxBytes) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxDocumentLength(maxBytes)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBytes))
                .maxNameLength(256)
                .maxNumberLength(32)
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    /** Parses a body; every failure is a malformed dossier naming the position only. */
    static JsonNode parse(ObjectMapper mapper, byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw new MalformedDossierException("The dossier must be a JSON object.");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new MalformedDossierException("The dossier is not well-formed JSON or exceeds a limit" + where + ".");
        } catch (IOException e) {
            throw new MalformedDossierException("The dossier cannot be read as JSON.");
        }
    }

    /** A member name as a JSON Pointer reference token (RFC 6901). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
