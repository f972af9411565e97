package nl.overdracht.profile;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.overdracht.openapi.Audiences;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/profiles}: which dossier profiles and versions Overdracht accepts, their
 * sections (which are mandatory, and why), what never passes and why, and the profile's time limits.
 * Any authenticated caller may read it: it is policy, not data.
 */
@Path("/api/v1/profiles")
@Tag(name = Audiences.PROFILES)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    @Inject
    ProfileCatalog catalog;

    @GET
    @Operation(operationId = "listProfiles", summary = "List the dossier profiles",
            description = "The live dossier profiles: for each version its format and media type, sections, "
                    + "mandatory sections with their legal reason, the data that never passes, limits, objection "
                    + "window, expiry and retention. Any valid token may read them.")
    @APIResponse(responseCode = "200", description = "The profiles, by id")
    public List<ProfileView> list() {
        Map<String, List<VersionView>> byId = new TreeMap<>();
        catalog.all().stream().sorted(Comparator.comparing(Profile::id).thenComparing(Profile::version))
                .forEach(p -> byId.computeIfAbsent(p.id(), id -> new ArrayList<>()).add(VersionView.of(p)));
        return byId.entrySet().stream().map(e -> new ProfileView(e.getKey(), e.getValue())).toList();
    }

    @Schema(name = "ProfileView", requiredProperties = {"id", "versions"})
    public record ProfileView(String id, List<VersionView> versions) {
    }

    /**
     * One version. Durations are ISO-8601 ({@code P42D}); {@code forbidden} names each kind of
     * data that never passes, with its legal reason, and each kind of transfer the standard knows
     * but the profile does not carry; {@code transferKinds} are the kinds it carries (OSO
     * {@code overstap}), none for a JSON profile.
     */
    @Schema(name = "VersionView", requiredProperties = {"version", "format", "mediaType", "transferKinds", "sections",
            "forbidden", "maxBodyBytes", "maxAttachmentBytes", "objectionWindow", "expiry", "retention"})
    public record VersionView(String version, String format, String mediaType, List<String> transferKinds,
            List<SectionView> sections,
            List<ForbiddenView> forbidden, long maxBodyBytes, long maxAttachmentBytes, String objectionWindow,
            String expiry, Map<String, String> retention) {

        static VersionView of(Profile p) {
            List<SectionView> sections = p.sections().stream()
                    .map(s -> new SectionView(s.name(), s.title(), s.mandatory(), s.mandatoryReason().orElse(null)))
                    .toList();
            Map<String, String> retention = Map.of("afterDelivery", p.retention().afterDelivery().toString(),
                    "afterObjection", p.retention().afterObjection().toString(),
                    "afterWithdrawal", p.retention().afterWithdrawal().toString(),
                    "afterExpiry", p.retention().afterExpiry().toString());
            return new VersionView(p.version(), p.format(),
                    Profile.FORMAT_OSO_XML.equals(p.format()) ? MediaType.APPLICATION_XML : MediaType.APPLICATION_JSON,
                    p.oso().map(oso -> oso.transferKinds().keySet().stream().sorted().toList()).orElse(List.of()),
                    sections, forbidden(p), p.limits().maxBodyBytes(), p.limits().maxAttachmentBytes(),
                    p.objectionWindow().toString(), p.expiry().toString(), new TreeMap<>(retention));
        }

        private static List<ForbiddenView> forbidden(Profile p) {
            List<ForbiddenView> out = new ArrayList<>();
            p.json().ifPresent(json -> json.forbidden()
                    .forEach(rule -> out.add(new ForbiddenView(rule.kind(), rule.code(), rule.reason()))));
            p.oso().ifPresent(oso -> new TreeMap<>(oso.markReasons())
                    .forEach((mark, reason) -> out.add(new ForbiddenView("category marked " + mark, mark, reason))));
            p.oso().ifPresent(oso -> new TreeMap<>(oso.refusedKinds()).forEach((kind, reason) ->
                    out.add(new ForbiddenView("transfer kind " + kind, Violation.UNSUPPORTED_TRANSFER_KIND, reason))));
            out.add(new ForbiddenView("unlisted", Violation.NOT_WHITELISTED,
                    "Only the fields in the profile's whitelist may pass between schools."));
            return out;
        }
    }

    @Schema(name = "SectionView", requiredProperties = {"name", "title", "mandatory"})
    public record SectionView(String name, String title, boolean mandatory, String mandatoryReason) {
    }

    @Schema(name = "ForbiddenView", requiredProperties = {"kind", "code", "reason"})
    public record ForbiddenView(String kind, String code, String reason) {
    }
}
