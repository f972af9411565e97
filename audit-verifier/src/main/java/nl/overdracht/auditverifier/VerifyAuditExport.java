package nl.overdracht.auditverifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks an audit export ({@code GET /api/v1/audit/export}) with nothing but the JDK and
 * Overdracht's certificate: recomputes every leaf and chain value from the entries' fields and
 * checks every signed checkpoint in the range.
 *
 * <pre>java -jar audit-verifier.jar --export export.jsonl --certificate overdracht-cert.pem</pre>
 *
 * Prints {@code OK n entries} and exits 0, or names the first bad sequence number and exits 1.
 */
public final class VerifyAuditExport {

    static final String FORMAT = "overdracht-audit-export/1";
    static final String MISSING = "entry missing: the sequence has a gap";
    static final String MALFORMED = "entry does not hold valid fields";
    static final String LEAF = "entry content does not match its leaf hash";
    static final String CHAIN = "chain value does not follow from the previous chain and the leaf";
    static final String CHECKPOINT_HEAD = "a signed checkpoint names another chain head at this size";
    static final String CHECKPOINT_SIGNATURE = "the checkpoint at this size has an invalid signature";

    private static final HexFormat HEX = HexFormat.of();

    /**
     * The outcome.
     *
     * @param entries the entries found good (all of them when valid)
     * @param checkpoints the checkpoints whose signature and head were checked
     * @param firstBadSequence the first missing, altered or contradicted seq; null when valid
     */
    public record Result(boolean valid, long entries, long checkpoints, Long firstBadSequence, String reason) {

        /** The one line the command prints. */
        public String summary() {
            return valid ? "OK " + entries + " entries (" + checkpoints + " signed checkpoints)"
                    : "FAILED at sequence " + firstBadSequence + ": " + reason;
        }
    }

    private VerifyAuditExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command without the exit: 0 when the export verifies, 1 otherwise. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path export = null;
        Path certificate = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--export" -> export = Path.of(args[i + 1]);
                case "--certificate" -> certificate = Path.of(args[i + 1]);
                default -> {
                    return usage(err);
                }
            }
        }
        if (export == null || certificate == null || args.length % 2 != 0) {
            return usage(err);
        }
        try {
            Result result = verify(Files.readAllLines(export, StandardCharsets.UTF_8), readCertificate(certificate));
            out.println(result.summary());
            return result.valid() ? 0 : 1;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("cannot verify: " + e.getMessage());
            return 1;
        }
    }

    public static PublicKey readCertificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getPublicKey();
        }
    }

    /** Verifies the lines of an export against Overdracht's public key. */
    public static Result verify(List<String> lines, PublicKey key) {
        Map<String, Object> header = null;
        List<Map<String, Object>> entries = new ArrayList<>();
        Map<Long, Map<String, Object>> checkpoints = new HashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> object = object(Json.parse(line));
            switch (String.valueOf(object.get("type"))) {
                case "export" -> header = object;
                case "entry" -> entries.add(object);
                case "checkpoint" -> checkpoints.put(number(object, "size"), object);
                default -> throw new IllegalArgumentException("unknown line type in the export");
            }
        }
        if (header == null || !FORMAT.equals(header.get("format"))) {
            throw new IllegalArgumentException("not an audit export in format " + FORMAT);
        }
        long from = number(header, "from");
        long to = number(header, "to");
        Object previous = header.get("previousChain");
        if (previous == null) {
            return new Result(false, 0, 0, from - 1, MISSING);
        }
        byte[] chain = hash(previous);
        long expected = from;
        long checkedCheckpoints = 0;
        for (Map<String, Object> json : entries) {
            long seq = number(json, "seq");
            if (seq != expected) {
                return new Result(false, expected - from, checkedCheckpoints, expected, MISSING);
            }
            byte[] leaf;
            byte[] storedLeaf;
            byte[] storedChain;
            try {
                leaf = Canonical.leaf(Canonical.entryBytes(entry(json)));
                storedLeaf = hash(json.get("leaf"));
                storedChain = hash(json.get("chain"));
            } catch (RuntimeException e) {
                return new Result(false, seq - from, checkedCheckpoints, seq, MALFORMED);
            }
            if (!Arrays.equals(leaf, storedLeaf)) {
                return new Result(false, seq - from, checkedCheckpoints, seq, LEAF);
            }
            byte[] computed = Canonical.chain(chain, leaf);
            if (!Arrays.equals(computed, storedChain)) {
                return new Result(false, seq - from, checkedCheckpoints, seq, CHAIN);
            }
            Map<String, Object> checkpoint = checkpoints.get(seq);
            if (checkpoint != null) {
                if (!signatureValid(checkpoint, key)) {
                    return new Result(false, seq - from, checkedCheckpoints, seq, CHECKPOINT_SIGNATURE);
                }
                if (!Arrays.equals(hash(checkpoint.get("chainHead")), computed)) {
                    return new Result(false, seq - from, checkedCheckpoints, seq, CHECKPOINT_HEAD);
                }
                checkedCheckpoints++;
            }
            chain = computed;
            expected++;
        }
        if (expected <= to) {
            return new Result(false, expected - from, checkedCheckpoints, expected, MISSING);
        }
        return new Result(true, expected - from, checkedCheckpoints, null, null);
    }

    static Canonical.Entry entry(Map<String, Object> json) {
        Object sha = json.get("contentSha256");
        return new Canonical.Entry(number(json, "seq"), Instant.parse(text(json, "at")), text(json, "action"),
                text(json, "actorSubject"), text(json, "actorRole"), (String) json.get("actorSchool"),
                (String) json.get("actorRegion"), (String) json.get("dossierId"), text(json, "outcome"),
                sha == null ? null : hash(sha));
    }

    static boolean signatureValid(Map<String, Object> checkpoint, PublicKey key) {
        String algorithm = text(checkpoint, "algorithm");
        if (!algorithm.equals("SHA256withRSA") && !algorithm.equals("SHA256withECDSA")) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            signature.update(Canonical.checkpointBytes(number(checkpoint, "size"), hash(checkpoint.get("chainHead")),
                    Instant.parse(text(checkpoint, "signedAt"))));
            return signature.verify(Base64.getDecoder().decode(text(checkpoint, "signature")));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: java -jar audit-verifier.jar --export EXPORT.jsonl --certificate OVERDRACHT-CERT.pem");
        return 1;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json) {
        if (!(json instanceof Map)) {
            throw new IllegalArgumentException("every export line is a JSON object");
        }
        return (Map<String, Object>) json;
    }

    private static long number(Map<String, Object> json, String name) {
        if (!(json.get(name) instanceof Long value)) {
            throw new IllegalArgumentException("'" + name + "' must be an integer");
        }
        return value;
    }

    private static String text(Map<String, Object> json, String name) {
        if (!(json.get(name) instanceof String value)) {
            throw new IllegalArgumentException("'" + name + "' must be a string");
        }
        return value;
    }

    private static byte[] hash(Object hex) {
        if (!(hex instanceof String text) || text.length() != 2 * Canonical.HASH_LENGTH) {
            throw new IllegalArgumentException("a hash is 64 hex digits");
        }
        return HEX.parseHex(text);
    }
}
