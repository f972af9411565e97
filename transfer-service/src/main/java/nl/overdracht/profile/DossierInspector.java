package nl.overdracht.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one entry point for intake: reads a dossier with hard limits, finds its profile version and
 * checks it against the whitelist. Either returns what intake needs or throws one of
 * {@link MalformedDossierException} (400), {@link DossierTooLargeException} (413),
 * {@link UnsupportedDossierFormatException} (415) or {@link DossierRejectedException} (422, with
 * every violation up to a cap). Never logs; no exception it throws carries a field value.
 */
@ApplicationScoped
public class DossierInspector {

    /** Path of the official OSO gegevensset XSD; when set, OSO dossiers are also validated against it. */
    public static final String XSD_PATH_PROPERTY = "overdracht.profiles.oso.xsd-path";

    private final ProfileCatalog catalog;
    private final OsoDossierReader oso;
    private final JsonDossierReader json;
    private final Optional<OsoSchemaValidator> xsd;
    private final Clock clock;

    @Inject
    DossierInspector(ProfileCatalog catalog, @ConfigProperty(name = XSD_PATH_PROPERTY) Optional<String> xsdPath,
            Clock clock) {
        this(clock, catalog, xsdPath.filter(p -> !p.isBlank()).map(Path::of).map(OsoSchemaValidator::fromFile));
    }

    private DossierInspector(Clock clock, ProfileCatalog catalog, Optional<OsoSchemaValidator> xsd) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.oso = new OsoDossierReader(catalog);
        this.json = new JsonDossierReader(catalog);
        this.xsd = xsd;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For use without CDI: the catalog, and the official OSO XSD to validate against, if any. */
    public static DossierInspector create(ProfileCatalog catalog, Optional<Path> osoXsd) {
        return new DossierInspector(Clock.systemUTC(), catalog, osoXsd.map(OsoSchemaValidator::fromFile));
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
            case XML -> oso.read(body, xsd, latestToday(clock));
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
