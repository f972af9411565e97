package nl.overdracht.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.security.Caller;
import nl.overdracht.security.Roles;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Registering, changing, removing and disabling endpoints, each audited in the same transaction,
 * and reading the delivery logs. A school acts on its own endpoint only (the token's school); an
 * operator on the endpoints of its region's schools.
 */
@ApplicationScoped
public class WebhookService {

    /** A school's endpoint as the API shows it. */
    @Schema(name = "WebhookEndpoint", requiredProperties = {"school", "url", "enabled", "createdAt", "updatedAt"})
    public record EndpointView(String school, String url, boolean enabled, Instant createdAt, Instant updatedAt) {
        static EndpointView of(WebhookRepository.Endpoint endpoint) {
            return new EndpointView(endpoint.school(), endpoint.url(), endpoint.enabled(), endpoint.createdAt(),
                    endpoint.updatedAt());
        }
    }

    /** What {@link #put} did: the endpoint, and whether it is new. */
    public record Put(EndpointView endpoint, boolean created) {
    }

    /** A page of a delivery log, oldest first; {@code nextCursor} is null on the last page. */
    @Schema(name = "WebhookDeliveryPage", requiredProperties = {"deliveries"})
    public record DeliveryPage(List<WebhookDeliveryView> deliveries,
            @Schema(description = "The cursor of the next page; null on the last") Long nextCursor) {
    }

    @Inject
    Pool pool;

    @Inject
    WebhookRepository webhooks;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Sets the caller's school's endpoint to {@code url} (enabled). */
    public Uni<Put> put(Caller caller, String url) {
        String school = caller.requireSchool();
        String checked = WebhookUrl.check(url);
        Instant now = clock.instant();
        return pool.withTransaction(tx -> webhooks.putEndpoint(tx, school, checked, now)
                .flatMap(existed -> audit.append(tx, new AuditRecord(existed ? AuditAction.WEBHOOK_CHANGED
                                : AuditAction.WEBHOOK_REGISTERED, actor(caller), null, school + ":" + (existed ? "changed"
                                : "registered"), null))
                        .flatMap(done -> webhooks.endpoint(tx, school))
                        .map(endpoint -> new Put(EndpointView.of(endpoint.orElseThrow()), !existed))));
    }

    /** The caller's school's endpoint; 404 when it has none. */
    public Uni<EndpointView> get(Caller caller) {
        String school = caller.requireSchool();
        return webhooks.endpoint(pool, school).map(endpoint -> endpoint.map(EndpointView::of)
                .orElseThrow(() -> noEndpoint(school)));
    }

    /** Removes the caller's school's endpoint; what is still queued for it is given up. 404 when it has none. */
    public Uni<Void> remove(Caller caller) {
        String school = caller.requireSchool();
        return pool.withTransaction(tx -> webhooks.deleteEndpoint(tx, school)
                .flatMap(deleted -> {
                    if (!deleted) {
                        return Uni.createFrom().failure(noEndpoint(school));
                    }
                    return audit.append(tx, new AuditRecord(AuditAction.WEBHOOK_REMOVED, actor(caller), null,
                            school + ":removed", null));
                }));
    }

    /** The caller's school's delivery log. */
    public Uni<DeliveryPage> deliveries(Caller caller, long cursor, int limit) {
        return page(caller.requireSchool(), cursor, limit);
    }

    /** The endpoints of the operator's region's schools. */
    public Uni<List<EndpointView>> inRegion(Caller caller) {
        return webhooks.endpointsInRegion(pool, caller.requireRegion())
                .map(endpoints -> endpoints.stream().map(EndpointView::of).toList());
    }

    /** A school's delivery log, for an operator of its region; another region's school is 404. */
    public Uni<DeliveryPage> deliveriesInRegion(Caller caller, String school, long cursor, int limit) {
        String region = caller.requireRegion();
        return webhooks.inRegion(pool, school, region).flatMap(in -> in ? page(school, cursor, limit)
                : Uni.createFrom().failure(new ApiException(ProblemType.NOT_FOUND,
                        "No school " + school + " in the operator's region.")));
    }

    /** Disables the endpoint of a school of the operator's region; the school enables it again by registering it. */
    public Uni<Void> disable(Caller caller, String school) {
        String region = caller.requireRegion();
        return pool.withTransaction(tx -> webhooks.disableInRegion(tx, school, region, clock.instant())
                .flatMap(disabled -> !disabled ? Uni.createFrom().failure(noEndpoint(school))
                        : audit.append(tx, new AuditRecord(AuditAction.WEBHOOK_DISABLED,
                                AuditActor.of(caller, Roles.OPERATOR), null, school + ":disabled", null))));
    }

    private Uni<DeliveryPage> page(String school, long cursor, int limit) {
        return webhooks.deliveriesOf(pool, school, cursor, limit).map(rows -> new DeliveryPage(rows,
                rows.size() < limit ? null : rows.get(rows.size() - 1).position()));
    }

    private static ApiException noEndpoint(String school) {
        return new ApiException(ProblemType.NOT_FOUND, "School " + school + " has no webhook endpoint here.");
    }

    /** The school acting: in its sending role if it has it, otherwise its receiving role. */
    private static AuditActor actor(Caller caller) {
        return AuditActor.of(caller, caller.hasRole(Roles.SENDING_SCHOOL) ? Roles.SENDING_SCHOOL : Roles.RECEIVING_SCHOOL);
    }
}
