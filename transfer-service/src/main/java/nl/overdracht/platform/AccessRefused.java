package nl.overdracht.platform;

/**
 * Fired (asynchronously) when a request is refused with 401 or 403, so that the refusal can be
 * audited. Carries no token and no claim but the subject.
 *
 * @param path the request path (ids only in this API)
 * @param status 401 or 403
 * @param subject the token's subject when the token was valid (403), otherwise null
 * @param source the client's address ({@link ClientAddress#of}), for a refused token (401); otherwise null
 * @param reason why a token was refused (401): {@value #INVALID_TOKEN}, or {@value #INVALID_CLAIM}
 *     and the claim's name; otherwise null
 */
public record AccessRefused(String path, int status, String subject, String source, String reason) {

    /** A token that is not Overdracht's, or not any more: its signature, issuer, audience or time failed. */
    public static final String INVALID_TOKEN = "invalid-token";
    /** A validly signed token with a claim out of its form; the claim's name follows. */
    public static final String INVALID_CLAIM = "invalid-claim:";

    /** A refused token: counted per source and reason rather than recorded one by one. */
    public static AccessRefused token(String path, String source, String reason) {
        return new AccessRefused(path, 401, null, source, reason);
    }

    /** A verified caller refused (403), recorded one by one. */
    public static AccessRefused caller(String path, int status, String subject) {
        return new AccessRefused(path, status, subject, null, null);
    }

    /** Whether this is a refused token, which is counted, not recorded one by one. */
    public boolean tokenRefused() {
        return status == 401 && subject == null;
    }
}
