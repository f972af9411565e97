package nl.overdracht.security;

import java.util.Optional;
import java.util.Set;

/**
 * The verified caller of a request.
 *
 * @param subject the token's {@code sub}
 * @param school the caller's school id ({@code school_id} claim), for school roles
 * @param region the caller's region ({@code region_id} claim), for operators and regional auditors
 * @param roles the Overdracht roles the token grants
 */
public record Caller(String subject, Optional<String> school, Optional<String> region, Set<String> roles) {

    public static final String SCHOOL_CLAIM = "school_id";
    public static final String REGION_CLAIM = "region_id";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
