package nl.overdracht.profile;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;

/**
 * The one entry point for intake: reads a dossier with hard limits, finds its profile version and
 * checks it against the whitelist. Either returns what intake needs or throws one of
 * {@link MalformedDossierException} (400), {@link DossierTooLargeException} (413),
 * {@link UnsupportedDossierFormatException} (415) or {@link DossierRejectedException} (422, with
 * every violation up to a cap). Never logs; no exception it throws carries a field value. Built at
 * start, so that the official files it is configured with are compiled before the service is ready.
 */
@Startup
@ApplicationScoped
public class DossierInspector {

    private final ProfileCatalog catalog;
    private final OsoDossierReader oso;
    private final JsonDossierReader json;
    private final Clock clock;

    /**
     * Compiles the configured official OSO files at start ({@code overdracht.profiles.oso.xsd.<version>},
     * {@code overdracht.profiles.oso.validation.<version>}): a wrong path stops the start, naming the
     * property, instead of making a service that is ready and fails every submission.
     */
    @Inject
    DossierInspector(ProfileCatalog catalog, Config config, Clock clock) {
        this(clock, catalog, OsoStandardFiles.fromConfig(config, catalog));
    }

    private DossierInspector(Clock clock, ProfileCatalog catalog, Map<String, OsoStandardFiles> official) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.oso = new OsoDossierReader(catalog, official);
        this.json = new JsonDossierReader(catalog);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For use without CDI: the catalog, without any official OSO file. */
    public static DossierInspector create(ProfileCatalog catalog) {
        return create(catalog, Map.of(), Map.of());
    }

    /**
     * For use without CDI: the catalog, and per OSO profile version the official XSD and
     * business-rule stylesheet to check against, if any.
     *
     * @throws IllegalArgumentException for a version that is not live, or a file that does not compile
     */
    public static DossierInspector create(ProfileCatalog catalog, Map<String, Path> osoXsd, Map<String, Path> osoRules) {
        return new DossierInspector(Clock.systemUTC(), catalog, OsoStandardFiles.of(catalog, osoXsd, osoRules));
    }

    /**
     * The latest date that is not in the future: today's date in the earliest time zone (UTC+14),
     * so no school's own "today" is ever refused, whatever its zone or clock skew.
     */
    public static LocalDate latestToday(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.ofHours(14));
    }

    /**
     * Inspects a submitted dossier.
     *
     * @param mediaType {@code application/xml} (OSO gegevensset) or {@code application/json} (a JSON
     *     profile named by {@code profile} and {@code schemaVersion} in the body); parameters such as
     *     {@code charset} are ignored
     * @param body the dossier bytes
     */
    public InspectedDossier inspect(String mediaType, byte[] body) {
        Objects.requireNonNull(body, "body");
        Format format = Format.of(mediaType);
        long cap = catalog.maxBodyBytes();
        if (body.length > cap) {
            throw new DossierTooLargeException(body.length, cap);
        }
        return switch (format) {
            case XML -> oso.read(body, latestToday(clock));
            case JSON -> json.read(body);
        };
    }

    private enum Format {
        XML, JSON;

        static Format of(String mediaType) {
            if (mediaType == null) {
                throw new UnsupportedDossierFormatException("A media type is required: application/xml or application/json.");
            }
            String type = mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml")) {
                return XML;
            }
            if (type.equals("application/json") || type.endsWith("+json")) {
                return JSON;
            }
            throw new UnsupportedDossierFormatException("Dossiers are accepted as application/xml or application/json.");
        }
    }
}
