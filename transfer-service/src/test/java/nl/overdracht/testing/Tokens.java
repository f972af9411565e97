package nl.overdracht.testing;

import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import nl.overdracht.embedded.DevSigningKey;
import nl.overdracht.embedded.MintToken;
import org.eclipse.microprofile.config.ConfigProvider;

/** Bearer tokens for the tests, signed with the embedded run's development key. */
public final class Tokens {

    private static PrivateKey key;

    private Tokens() {
    }

    /** The development signing key, found beside the verification key the service is configured with. */
    public static synchronized PrivateKey signingKey() {
        if (key == null) {
            String location = ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey.location", String.class);
            Path publicKey = Path.of(URI.create(location));
            key = DevSigningKey.readPrivateKey(publicKey.resolveSibling(DevSigningKey.PRIVATE_KEY_FILE));
        }
        return key;
    }

    public static String mint(MintToken.Request request) {
        return MintToken.mint(request, signingKey());
    }

    /** A token for {@code school} with {@code roles}. */
    public static String school(String school, String... roles) {
        return mint(MintToken.Request.forSchool(school, roles));
    }

    /** A token for an operator or auditor of {@code region}. */
    public static String region(String region, String... roles) {
        return mint(MintToken.Request.forRegion(region, roles));
    }

    /** A token that names neither a school nor a region, such as a national auditor's. */
    public static String national(String... roles) {
        return mint(MintToken.Request.national(roles));
    }

    /** The {@code Authorization} header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
