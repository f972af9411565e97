package nl.overdracht.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import nl.overdracht.crypto.SigningIdentity;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors of the canonical encoding, read from the one vector file of the audit format,
 * which the standalone verifier's tests read too: change a vector and both encoders must change
 * with it (which means a new format version).
 */
class AuditCanonicalTest {

    /** The audit-verifier module's vector file, from this module's directory (where the tests run). */
    static final Path VECTORS = Path.of("..", "audit-verifier", "src", "test", "resources", "audit-canonical-vectors.json");
    static final HexFormat HEX = HexFormat.of();

    @Test
    void a_full_entry_encodes_to_the_golden_bytes_leaf_and_chain() {
        JsonObject vector = entryVector("a full entry");

        assertEncodes(vector);
    }

    @Test
    void the_first_entry_with_nulls_chains_from_32_zero_bytes() {
        JsonObject vector = entryVector("the first entry, with every nullable field null, chained from 32 zero bytes");

        assertThat(hex(vector, "previousChain")).isEqualTo(AuditCanonical.genesis());
        assertEncodes(vector);
    }

    @Test
    void a_checkpoint_encodes_to_the_golden_bytes() {
        JsonObject vector = single(vectors("checkpoints"));

        byte[] bytes = AuditCanonical.checkpointBytes(vector.getLong("size"), hex(vector, "chainHead"),
                Instant.parse(vector.getString("signedAt")));

        assertThat(HEX.formatHex(bytes)).isEqualTo(vector.getString("bytes"));
    }

    @Test
    void a_signed_checkpoint_verifies_with_the_certificate_key_and_not_once_changed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        SigningIdentity identity = identity(pair);

        JsonObject vector = single(vectors("checkpoints"));
        Checkpoint checkpoint = CheckpointSignatures.sign(identity, vector.getLong("size"), hex(vector, "chainHead"),
                Instant.parse(vector.getString("signedAt")));
        Checkpoint moved = new Checkpoint(checkpoint.size() + 1, checkpoint.chainHead(), checkpoint.signedAt(), checkpoint.algorithm(),
                checkpoint.signature());

        assertThat(checkpoint.algorithm()).isEqualTo("SHA256withECDSA");
        assertThat(CheckpointSignatures.valid(checkpoint, pair.getPublic())).isTrue();
        assertThat(CheckpointSignatures.valid(moved, pair.getPublic())).isFalse();
    }

    @Test
    void free_text_cannot_enter_an_entry() {
        assertThatThrownBy(() -> new AuditRecord(AuditAction.OPERATOR_ACTION, AuditActor.system("ops"), null,
                "pupil Jan de Vries objected", null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Encodes the vector's entry as the service records it, and compares bytes, leaf and chain. */
    private static void assertEncodes(JsonObject vector) {
        AuditRecord record = new AuditRecord(AuditAction.valueOf(vector.getString("action")),
                new AuditActor(vector.getString("actorSubject"), vector.getString("actorRole"),
                        vector.getString("actorSchool"), vector.getString("actorRegion")),
                vector.getString("dossierId") == null ? null : UUID.fromString(vector.getString("dossierId")),
                vector.getString("outcome"), hex(vector, "contentSha256"));
        byte[] entry = AuditCanonical.entryBytes(vector.getLong("seq"), Instant.parse(vector.getString("at")), record);

        assertThat(HEX.formatHex(entry)).isEqualTo(vector.getString("entryBytes"));
        assertThat(HEX.formatHex(AuditCanonical.leaf(entry))).isEqualTo(vector.getString("leaf"));
        assertThat(HEX.formatHex(AuditCanonical.chain(hex(vector, "previousChain"), AuditCanonical.leaf(entry))))
                .isEqualTo(vector.getString("chain"));
    }

    private static JsonObject entryVector(String name) {
        return single(vectors("entries").stream().filter(v -> name.equals(v.getString("name"))).toList());
    }

    private static JsonObject single(List<JsonObject> vectors) {
        assertThat(vectors).hasSize(1);
        return vectors.get(0);
    }

    private static byte[] hex(JsonObject vector, String field) {
        String value = vector.getString(field);
        return value == null ? null : HEX.parseHex(value);
    }

    private static List<JsonObject> vectors(String kind) {
        assertThat(VECTORS).as("the audit vector file, from " + Path.of("").toAbsolutePath()).isRegularFile();
        try {
            JsonArray array = new JsonObject(Files.readString(VECTORS, StandardCharsets.UTF_8)).getJsonArray(kind);
            return IntStream.range(0, array.size()).mapToObj(array::getJsonObject).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SigningIdentity identity(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=audit test");
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)), name,
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
        return new SigningIdentity(pair.getPrivate(), certificate);
    }
}
