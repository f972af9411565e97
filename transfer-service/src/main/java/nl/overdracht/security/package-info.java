/**
 * Who is calling: JWT roles, the caller's school or region, and the tenant checks built on them.
 *
 * <p>Owns: the role names, the forms a token's claims must have ({@link
 * nl.overdracht.security.TokenClaims}, checked at authentication), {@link
 * nl.overdracht.security.Caller} (taken from the verified token only, never from a path or a body), the refusal to start without a pinned issuer, audience and
 * readable key ({@link nl.overdracht.security.TokenVerificationCheck}), the refusal to start as a
 * database role that can undo the database's grants and triggers ({@link
 * nl.overdracht.security.DatabaseRoleCheck}), the memory of verified tokens ({@link
 * nl.overdracht.security.VerifiedTokens}: a token's signature is checked once, never remembered
 * past its {@code exp}), and {@code GET /api/v1/me}.
 *
 * <p>Must not: read identity from anything but the verified token; log a token or any claim but
 * the subject, school, region and roles.
 */
package nl.overdracht.security;
