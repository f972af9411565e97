package nl.overdracht.platform;

/**
 * Fired (asynchronously) when a request is refused with 401 or 403, so that the refusal can be
 * audited. Carries no token and no claim but the subject.
 *
 * @param path the request path (ids only in this API)
 * @param status 401 or 403
 * @param subject the token's subject when the token was valid (403), otherwise null
 */
public record AccessRefused(String path, int status, String subject) {
}
