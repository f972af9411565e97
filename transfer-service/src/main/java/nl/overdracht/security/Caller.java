package nl.overdracht.security;

import java.util.Optional;
import java.util.Set;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.registry.SchoolId;

/**
 * The verified caller of a request, its claims in their documented forms ({@link TokenClaims}).
 *
 * @param subject the token's {@code sub}
 * @param school the caller's school id ({@code school_id} claim), for school roles
 * @param region the caller's region ({@code region_id} claim), for operators and regional auditors
 * @param roles the Overdracht roles the token grants
 */
public record Caller(String subject, Optional<String> school, Optional<String> region, Set<String> roles) {

    public static final String SCHOOL_CLAIM = "school_id";
    public static final String REGION_CLAIM = "region_id";

    /** @throws IllegalArgumentException when a claim is out of its form, which {@link TokenClaims} refused already */
    public Caller {
        if (!TokenClaims.isSubject(subject) || !school.map(SchoolId::isValid).orElse(true)
                || !region.map(TokenClaims::isRegion).orElse(true)) {
            throw new IllegalArgumentException("a caller's subject, school and region are of their documented forms");
        }
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * The caller's school, for a request that acts for a school.
     *
     * @throws ApiException 403 {@code forbidden} when the token names no school
     */
    public String requireSchool() {
        return school.orElseThrow(() -> new ApiException(ProblemType.FORBIDDEN, "The token names no school ("
                + SCHOOL_CLAIM + " claim); only a school may do this."));
    }

    /**
     * The caller's region, for a request that acts for a region's operator.
     *
     * @throws ApiException 403 {@code forbidden} when the token names no region
     */
    public String requireRegion() {
        return region.orElseThrow(() -> new ApiException(ProblemType.FORBIDDEN, "The token names no region ("
                + REGION_CLAIM + " claim); only a region's operator may do this."));
    }
}
