package nl.overdracht.security;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Turns the verified token into a {@link Caller}; the only source of the caller's school or region. */
@RequestScoped
public class CallerProducer {

    private static final Set<String> KNOWN_ROLES = Set.of(Roles.SENDING_SCHOOL, Roles.RECEIVING_SCHOOL,
            Roles.OPERATOR, Roles.AUDITOR);

    @Inject
    JsonWebToken token;

    /** Dependent: a record cannot be proxied, and reading a few claims again is cheap. */
    @Produces
    public Caller caller() {
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
