package nl.overdracht.security;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request, from the verified token: the only source of the caller's
 * school or region. The claims were held to their forms when the token was verified ({@link
 * TokenClaims}). Request scoped, so a singleton resource that injects it reads each request's
 * own caller through the client proxy (a {@link Caller} injected directly would be the first
 * request's, for ever).
 */
@RequestScoped
public class CurrentCaller {

    private static final Set<String> KNOWN_ROLES = Set.of(Roles.SENDING_SCHOOL, Roles.RECEIVING_SCHOOL,
            Roles.OPERATOR, Roles.AUDITOR, Roles.NATIONAL_AUDITOR);

    @Inject
    JsonWebToken token;

    /** The verified caller; 401 when the request carries no token. */
    public Caller get() {
        if (token == null || token.getRawToken() == null) {
            throw new UnauthorizedException();
        }
        Set<String> roles = token.getGroups().stream().filter(KNOWN_ROLES::contains).collect(Collectors.toSet());
        return new Caller(token.getSubject(), claim(Caller.SCHOOL_CLAIM), claim(Caller.REGION_CLAIM), roles);
    }

    private Optional<String> claim(String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
