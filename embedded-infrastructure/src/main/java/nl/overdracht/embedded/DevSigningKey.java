package nl.overdracht.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The development JWT signing key of the embedded run: an RSA key pair kept in the data directory,
 * the private half as PKCS#8 PEM (what smallrye-jwt and {@link MintToken} read), the public half as
 * an X.509 SubjectPublicKeyInfo PEM (what the service verifies with). Both files are 0600 in a
 * 0700 directory.
 */
public final class DevSigningKey {

    /** The issuer the embedded run pins; a production deployment configures its own. */
    public static final String ISSUER = "https://overdracht.localhost/embedded";
    /** The audience every Overdracht token must name. */
    public static final String AUDIENCE = "overdracht";

    /** The private key file in the key directory; tests and the token command read it. */
    public static final String PRIVATE_KEY_FILE = "jwt-signing-key.pem";
    static final String PUBLIC_KEY_FILE = "jwt-verification-key.pem";

    private DevSigningKey() {
    }

    /**
     * Creates the key pair in {@code keyDirectory} unless it is there already; answers the public key
     * file, with the private key beside it as {@link #PRIVATE_KEY_FILE}.
     */
    public static synchronized Path ensure(Path keyDirectory) {
        Path privateFile = keyDirectory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = keyDirectory.resolve(PUBLIC_KEY_FILE);
        OwnerOnly.directory(keyDirectory);
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            OwnerOnly.file(privateFile);
            OwnerOnly.file(publicFile);
            return publicFile;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // the public half last: its presence says the pair is complete
            OwnerOnly.write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            OwnerOnly.write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return publicFile;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** Reads a PKCS#8 PEM private RSA key. */
    public static PrivateKey readPrivateKey(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a PKCS#8 PEM RSA private key", e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
