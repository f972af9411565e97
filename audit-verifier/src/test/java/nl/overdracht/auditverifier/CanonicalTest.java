package nl.overdracht.auditverifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The golden vectors of the canonical form, from {@value #VECTORS}: the service's
 * AuditCanonicalTest reads the same file, so both encoders must agree with it byte for byte.
 */
class CanonicalTest {

    /** The one vector file of the audit format, shared with the service's tests. */
    static final String VECTORS = "audit-canonical-vectors.json";
    static final HexFormat HEX = HexFormat.of();

    @Test
    void a_full_entry_encodes_to_the_golden_bytes_leaf_and_chain() {
        Map<String, Object> vector = entryVector("a full entry");

        assertEncodes(vector);
    }

    @Test
    void the_first_entry_with_nulls_chains_from_32_zero_bytes() {
        Map<String, Object> vector = entryVector("the first entry, with every nullable field null, chained from 32 zero bytes");

        assertThat(hex(vector, "previousChain")).isEqualTo(new byte[Canonical.HASH_LENGTH]);
        assertEncodes(vector);
    }

    @Test
    void a_checkpoint_encodes_to_the_golden_bytes() {
        Map<String, Object> vector = single(vectors("checkpoints"));

        byte[] bytes = Canonical.checkpointBytes((Long) vector.get("size"), hex(vector, "chainHead"),
                Instant.parse((String) vector.get("signedAt")));

        assertThat(HEX.formatHex(bytes)).isEqualTo(vector.get("bytes"));
    }

    private static void assertEncodes(Map<String, Object> vector) {
        byte[] entry = Canonical.entryBytes(new Canonical.Entry((Long) vector.get("seq"),
                Instant.parse((String) vector.get("at")), (String) vector.get("action"),
                (String) vector.get("actorSubject"), (String) vector.get("actorRole"), (String) vector.get("actorSchool"),
                (String) vector.get("actorRegion"), (String) vector.get("dossierId"), (String) vector.get("outcome"),
                hex(vector, "contentSha256")));

        assertThat(HEX.formatHex(entry)).isEqualTo(vector.get("entryBytes"));
        assertThat(HEX.formatHex(Canonical.leaf(entry))).isEqualTo(vector.get("leaf"));
        assertThat(HEX.formatHex(Canonical.chain(hex(vector, "previousChain"), Canonical.leaf(entry))))
                .isEqualTo(vector.get("chain"));
    }

    private static Map<String, Object> entryVector(String name) {
        return single(vectors("entries").stream().filter(v -> name.equals(v.get("name"))).toList());
    }

    private static Map<String, Object> single(List<Map<String, Object>> vectors) {
        assertThat(vectors).hasSize(1);
        return vectors.get(0);
    }

    private static byte[] hex(Map<String, Object> vector, String field) {
        Object value = vector.get(field);
        return value == null ? null : HEX.parseHex((String) value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> vectors(String kind) {
        try (InputStream in = CanonicalTest.class.getClassLoader().getResourceAsStream(VECTORS)) {
            assertThat(in).as(VECTORS + " on the test class path").isNotNull();
            Map<String, Object> file = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (List<Map<String, Object>>) file.get(kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
