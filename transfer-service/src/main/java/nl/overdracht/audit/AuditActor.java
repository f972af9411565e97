package nl.overdracht.audit;

import java.util.Objects;
import nl.overdracht.security.Caller;

/**
 * Who did it: ids and a role only, never a name.
 *
 * @param subject the token's subject, or the component for the service itself
 * @param role the role the actor acted in ({@link nl.overdracht.security.Roles}, or {@value #SYSTEM_ROLE})
 * @param school the actor's school id, when acting for a school; nullable
 * @param region the actor's region, for operators; nullable
 */
public record AuditActor(String subject, String role, String school, String region) {

    /** The role of the service's own components (timers, the purge, the relay). */
    public static final String SYSTEM_ROLE = "system";

    public AuditActor {
        subject = AuditRecord.requireToken(subject, "subject", 200);
        role = AuditRecord.requireToken(role, "role", 64);
        school = school == null ? null : AuditRecord.requireToken(school, "school", 64);
        region = region == null ? null : AuditRecord.requireToken(region, "region", 64);
    }

    /** The verified caller, acting in {@code role}. */
    public static AuditActor of(Caller caller, String role) {
        Objects.requireNonNull(caller, "caller");
        return new AuditActor(caller.subject(), role, caller.school().orElse(null), caller.region().orElse(null));
    }

    /** A component of the service itself, such as {@code "purge"} or {@code "expiry-timer"}. */
    public static AuditActor system(String component) {
        return new AuditActor(component, SYSTEM_ROLE, null, null);
    }
}
