package nl.overdracht.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the golden vectors of a stored ciphertext format from {@code src/test/resources/vectors}:
 * {@code dossier-cipher-v<version>.json} for each format the service is built with. The files and
 * the script that computed them independently ({@code dossier-cipher-vectors.py}) sit side by side.
 */
final class GoldenVectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenVectors() {
    }

    /** One vector: fixed key material, associated data and plaintext, and the exact stored bytes. */
    record GoldenVector(String file, byte format, String name, KeyEncryptionKey kek, byte[] dataKey, byte[] nonce,
            Aad aad, byte[] aadCanonical, byte[] plaintext, SealedData stored) {

        /** A cipher whose key ring holds only this vector's key-encryption key, reading {@code formats}. */
        DossierCipher cipher(CiphertextFormats formats) {
            return new DossierCipher(KeyRing.of(kek.version(), List.of(kek)), formats);
        }

        @Override
        public String toString() {
            return "format " + Byte.toUnsignedInt(format) + ": " + name;
        }
    }

    /** The resource holding the golden vectors of built-in format {@code version}. */
    static String resourceOf(int version) {
        return "vectors/dossier-cipher-v" + version + ".json";
    }

    /** Every vector of every format the service is built with. */
    static List<GoldenVector> ofBuiltInFormats() {
        List<GoldenVector> vectors = new ArrayList<>();
        for (int version : CiphertextFormats.BUILT_IN.versions()) {
            vectors.addAll(load(resourceOf(version)));
        }
        return vectors;
    }

    /** The vectors in one file; fails when the file is missing or names no vector. */
    static List<GoldenVector> load(String resource) {
        JsonNode root = read(resource);
        byte format = (byte) root.required("format").intValue();
        List<GoldenVector> vectors = new ArrayList<>();
        for (JsonNode v : root.required("vectors")) {
            JsonNode kek = v.required("keyEncryptionKey");
            JsonNode aad = v.required("aad");
            JsonNode stored = v.required("stored");
            vectors.add(new GoldenVector(resource, format, v.required("name").textValue(),
                    KeyEncryptionKey.of(kek.required("version").textValue(), hex(kek, "key")),
                    hex(v, "dataKey"), hex(v, "nonce"),
                    new Aad(UUID.fromString(aad.required("dossierId").textValue()),
                            aad.required("revision").intValue(), aad.required("profile").textValue()),
                    hex(aad, "canonical"),
                    v.required("plaintextUtf8").textValue().getBytes(StandardCharsets.UTF_8),
                    new SealedData(hex(stored, "ciphertext"), hex(stored, "wrappedKey"),
                            stored.required("keyVersion").textValue(), hex(stored, "plaintextSha256"))));
        }
        if (vectors.isEmpty()) {
            throw new IllegalStateException(resource + " holds no vectors");
        }
        return vectors;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = GoldenVectors.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no golden vectors at " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    private static byte[] hex(JsonNode node, String field) {
        return Hex.bytes(node.required(field).textValue());
    }
}
