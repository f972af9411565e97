package nl.overdracht.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.MintToken;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one place the tests mint bearer tokens: signed with the key beside the verification key the
 * service is configured with (the embedded run's development key, or the key the tests of the
 * production build made) for the issuer it pins, and, for the tests that prove the service refuses
 * them, signed with another key or not at all.
 */
public final class Tokens {

    private static PrivateKey key;
    private static String issuer;

    private Tokens() {
    }

    /** The signing key, found beside the verification key the service is configured with. */
    private static synchronized PrivateKey signingKey() {
        if (key == null) {
            String location = ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey.location", String.class);
            Path publicKey = Path.of(URI.create(location));
            key = DevSigningKey.readPrivateKey(publicKey.resolveSibling(DevSigningKey.PRIVATE_KEY_FILE));
        }
        return key;
    }

    /** The issuer the service pins. */
    private static synchronized String issuer() {
        if (issuer == null) {
            issuer = ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
        }
        return issuer;
    }

    /** A token for {@code request}, signed with the development key (RS256). */
    public static String mint(MintToken.Request request) {
        return MintToken.mint(request, signingKey());
    }

    /** A token for {@code school} with {@code roles}. */
    public static String school(String school, String... roles) {
        return mint(MintToken.Request.forSchool(school, roles).withIssuer(issuer()));
    }

    /** A token for an operator or auditor of {@code region}. */
    public static String region(String region, String... roles) {
        return mint(MintToken.Request.forRegion(region, roles).withIssuer(issuer()));
    }

    /** A token that names neither a school nor a region, such as a national auditor's. */
    public static String national(String... roles) {
        return mint(MintToken.Request.national(roles).withIssuer(issuer()));
    }

    /**
     * A token with exactly these claims, whatever they are: for the claims the service must refuse
     * although the signature is good (a subject with a space, an issue time in the future, no expiry).
     * {@code school} or {@code region} may be null.
     */
    public static String claims(String subject, String school, String region, String... roles) {
        return mint(new MintToken.Request(subject, school, region, List.of(roles), issuer(),
                DevSigningKey.AUDIENCE, Instant.now(), Duration.ofHours(1)));
    }

    /**
     * The service's issuer and audience plus {@code extra} (a JSON object's members, without braces,
     * such as {@code "sub":"x","exp":123}), signed with the development key: for claims a {@link
     * MintToken.Request} cannot express, such as {@code nbf} or a missing {@code exp}.
     */
    public static String signedClaims(String extra) {
        String claims = "{\"iss\":\"" + issuer() + "\",\"aud\":\"" + DevSigningKey.AUDIENCE + "\"," + extra + "}";
        String signingInput = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64Url(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
    }

    /** A well-formed RS256 token for {@code request}, signed with a fresh key the service has never seen. */
    public static String signedWithAnotherKey(MintToken.Request request) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return MintToken.mint(request, generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
    }

    /** A token for {@code request} with header {@code "alg":"none"} and an empty signature. */
    public static String unsigned(MintToken.Request request) {
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(MintToken.claims(request)) + ".";
    }

    /** The {@code Authorization} header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
