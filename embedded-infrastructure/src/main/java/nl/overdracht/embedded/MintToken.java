package nl.overdracht.embedded;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints an RS256 token with the development signing key, for the embedded run, the demo and the
 * tests. Depends on the JDK only, so it runs straight from the compiled classes:
 *
 * <pre>
 * java -cp embedded-infrastructure/target/classes nl.overdracht.embedded.MintToken \
 *      --school 00YY00 --role sending-school
 * </pre>
 *
 * <p>A token names a school ({@code --school}), a region ({@code --region}), or, for the role
 * {@value #NATIONAL_AUDITOR} only, neither: a national auditor's scope is the whole country.
 */
public final class MintToken {

    /** Claim that names the caller's school. */
    public static final String SCHOOL_CLAIM = "school_id";
    /** Claim that names an operator's region. */
    public static final String REGION_CLAIM = "region_id";
    /** The one role a token may carry without naming a school or a region. */
    public static final String NATIONAL_AUDITOR = "national-auditor";

    private MintToken() {
    }

    /** What goes into a token; {@code school} or {@code region} may be null. */
    public record Request(String subject, String school, String region, List<String> roles, String issuer,
            String audience, Instant issuedAt, Duration lifetime) {

        public Request {
            roles = List.copyOf(roles);
        }

        public static Request forSchool(String school, String... roles) {
            return new Request("user@" + school, school, null, List.of(roles), DevSigningKey.ISSUER,
                    DevSigningKey.AUDIENCE, Instant.now(), Duration.ofHours(1));
        }

        public static Request forRegion(String region, String... roles) {
            return new Request("operator@" + region, null, region, List.of(roles), DevSigningKey.ISSUER,
                    DevSigningKey.AUDIENCE, Instant.now(), Duration.ofHours(1));
        }

        /** A token that names neither a school nor a region, as a national auditor's does. */
        public static Request national(String... roles) {
            return new Request("auditor@national", null, null, List.of(roles), DevSigningKey.ISSUER,
                    DevSigningKey.AUDIENCE, Instant.now(), Duration.ofHours(1));
        }

        public Request withIssuer(String value) {
            return new Request(subject, school, region, roles, value, audience, issuedAt, lifetime);
        }

        public Request withAudience(String value) {
            return new Request(subject, school, region, roles, issuer, value, issuedAt, lifetime);
        }

        public Request issuedAt(Instant value, Duration life) {
            return new Request(subject, school, region, roles, issuer, audience, value, life);
        }
    }

    /** Signs the request with {@code key} (RS256). */
    public static String mint(Request request, PrivateKey key) {
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String signingInput = header + "." + base64Url(claims(request));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
    }

    /** The JSON claims of a request, with keys in a fixed order. */
    public static String claims(Request request) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", request.issuer());
        claims.put("aud", request.audience());
        claims.put("sub", request.subject());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", request.issuedAt().getEpochSecond());
        claims.put("exp", request.issuedAt().plus(request.lifetime()).getEpochSecond());
        if (request.school() != null) {
            claims.put(SCHOOL_CLAIM, request.school());
        }
        if (request.region() != null) {
            claims.put(REGION_CLAIM, request.region());
        }
        claims.put("groups", request.roles());
        return toJson(claims);
    }

    static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String toJson(Map<String, Object> claims) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(claim.getKey())).append(':').append(jsonValue(claim.getValue()));
        }
        return out.append('}').toString();
    }

    private static String jsonValue(Object value) {
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(quote(item.toString())));
            return "[" + String.join(",", items) + "]";
        }
        return quote(value.toString());
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {@code --school ID | --region ID, --role ROLE (repeatable), [--subject S] [--ttl PT1H] [--key FILE]}. */
    public static void main(String[] args) {
        Options options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        System.out.println(mint(options.request(), DevSigningKey.readPrivateKey(options.key())));
    }

    /** What the command line asks for: the token, and the signing key's file. */
    record Options(Request request, Path key) {
    }

    /** @throws IllegalArgumentException naming what is wrong with the options */
    static Options options(String[] args) {
        String school = null;
        String region = null;
        String subject = null;
        List<String> roles = new ArrayList<>();
        Duration lifetime = Duration.ofHours(1);
        Path key = EmbeddedSettings.defaultDataDirectory().resolve("keys").resolve(DevSigningKey.PRIVATE_KEY_FILE);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--school" -> school = value;
                case "--region" -> region = value;
                case "--role" -> roles.add(value);
                case "--subject" -> subject = value;
                case "--ttl" -> lifetime = Duration.parse(value);
                case "--key" -> key = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (roles.isEmpty() || roles.contains(null)) {
            throw new IllegalArgumentException("name at least one --role");
        }
        if (school != null && region != null) {
            throw new IllegalArgumentException("name --school or --region, not both");
        }
        if (school == null && region == null && !roles.stream().allMatch(NATIONAL_AUDITOR::equals)) {
            throw new IllegalArgumentException("name --school or --region; only --role " + NATIONAL_AUDITOR
                    + " may name neither");
        }
        String who = school != null ? school : region != null ? region : "national";
        return new Options(new Request(subject != null ? subject : "dev-user@" + who, school, region, roles,
                DevSigningKey.ISSUER, DevSigningKey.AUDIENCE, Instant.now(), lifetime), key);
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: MintToken [--school ID | --region ID] --role ROLE [--role ROLE] "
                + "[--subject NAME] [--ttl PT1H] [--key FILE]   (neither --school nor --region: "
                + NATIONAL_AUDITOR + " only)");
        System.exit(2);
    }
}
