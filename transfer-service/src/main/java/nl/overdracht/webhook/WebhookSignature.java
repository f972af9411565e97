package nl.overdracht.webhook;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECKey;
import java.time.Instant;
import java.util.UUID;
import nl.overdracht.crypto.SigningIdentity;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The {@code Overdracht-Signature} header: a JWS (RFC 7515) in compact serialisation with a detached
 * payload ({@code <protected header>..<signature>}), made with Overdracht's signing identity over
 * the exact bytes of the body. Its protected header names the algorithm ({@code ES256}, {@code ES384},
 * {@code ES512} or {@code RS256}, after the key), {@code kid} and {@code x5t#S256} (both the
 * base64url SHA-256 of the signing certificate's DER), {@code iat} (the attempt's time, seconds since
 * the epoch) and {@code webhook-id} (the event id): the time and the id are covered by the
 * signature, so a captured notification cannot be passed off as another or as a fresh one.
 */
public final class WebhookSignature {

    /** The header the signature travels in. */
    public static final String HEADER = "Overdracht-Signature";

    /** The protected header parameter that carries the event id. */
    public static final String WEBHOOK_ID = "webhook-id";

    private WebhookSignature() {
    }

    /** The detached compact JWS over {@code body}, made at {@code at}. */
    public static String sign(SigningIdentity identity, byte[] body, UUID webhookId, Instant at) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayloadBytes(body);
        jws.setKey(identity.privateKey());
        jws.setAlgorithmHeaderValue(algorithm(identity));
        String thumbprint = identity.thumbprint();
        jws.setKeyIdHeaderValue(thumbprint);
        jws.setX509CertSha256ThumbprintHeaderValue(thumbprint);
        jws.getHeaders().setObjectHeaderValue("iat", at.getEpochSecond());
        jws.setHeader(WEBHOOK_ID, webhookId.toString());
        try {
            return jws.getDetachedContentCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign webhook " + webhookId, e);
        }
    }

    /** The JWS algorithm for the identity's key: ES256/384/512 after an EC key's curve size, RS256 for RSA. */
    static String algorithm(SigningIdentity identity) {
        if (identity.privateKey() instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256
                    : bits <= 384 ? AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384
                    : AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512;
        }
        return AlgorithmIdentifiers.RSA_USING_SHA256;
    }

    static byte[] utf8(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
