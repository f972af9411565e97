package nl.overdracht.profile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an OSO gegevensset dossier: finds its profile version by namespace, makes the one StAX pass
 * ({@link OsoScan}) and draws the conclusions ({@link OsoFacts}). When the version's official files
 * are configured, the same pass feeds the XSD validator and the tree the business-rule XSLT runs on.
 *
 * <p>Only the handful of values needed for the checks are kept (codes, dates, the identifier); no
 * value is ever put into a violation or an exception.
 */
final class OsoDossierReader {

    static final String ROOT = "dossier";
    static final String METADATA = "/dossier/metadata";
    static final String CATEGORIES = METADATA + "/categorie_uitlevering";
    static final String STANDARD_VERSION = METADATA + "/standaardversie";
    static final String TRANSFER_KIND = METADATA + "/overstap";
    static final String DOCUMENT_KIND = "/dossier/overdrachtsoort";
    static final String INZAGE = "/dossier/inzage";
    static final String SCHOOL = "/dossier/huidigeschool";
    static final String PUPIL = SCHOOL + "/leerling";
    static final String BSN = PUPIL + "/bsn";
    static final String ONDERWIJSNUMMER = PUPIL + "/onderwijsnummer";
    /** Whether the sending school asks for a conversation with the receiving school (xs:boolean, optional). */
    static final String CONTACT_NEEDED = PUPIL + "/overstapadvies/contactnodig";
    static final String ADVICE_SECTION = "overstapadvies";
    /** The school's advice for secondary school, and the revised one: codes of DUO's list "Advies VO". */
    static final String SCHOOL_ADVICE = PUPIL + "/overstapadvies/advies";
    static final String REVISED_ADVICE = PUPIL + "/overstapadvies/herzienadvies";

    private static final Set<String> CAPTURED = Set.of(STANDARD_VERSION, TRANSFER_KIND, DOCUMENT_KIND,
            INZAGE + "/voorlopigdossier", INZAGE + "/inzage", INZAGE + "/inzagedatum", INZAGE + "/akkoord",
            INZAGE + "/toestemming", BSN, ONDERWIJSNUMMER, CONTACT_NEEDED, SCHOOL_ADVICE,
            REVISED_ADVICE);

    private final XMLInputFactory factory = SecureXml.inputFactory();
    private final SectionRedactor redactor = new SectionRedactor();
    private final ProfileCatalog catalog;
    private final Map<String, OsoStandardFiles> official;
    private final Map<Profile, Set<String>> capturedPaths = new IdentityHashMap<>();

    /** @param official the configured official files per OSO profile version */
    OsoDossierReader(ProfileCatalog catalog, Map<String, OsoStandardFiles> official) {
        this.catalog = catalog;
        this.official = Map.copyOf(official);
        catalog.all().stream().filter(p -> p.oso().isPresent()).forEach(p -> capturedPaths.put(p, capturedPaths(p)));
    }

    /** @param today the latest date that is not in the future */
    InspectedDossier read(byte[] body, LocalDate today) {
        XMLStreamReader xml = SecureXml.reader(factory, body);
        try {
            Profile profile = profileOf(xml);
            if (body.length > profile.limits().maxBodyBytes()) {
                throw new DossierTooLargeException(body.length, profile.limits().maxBodyBytes());
            }
            OsoStandardFiles files = official.getOrDefault(profile.version(), OsoStandardFiles.NONE);
            OfficialRun checks = files.any() ? new OfficialRun(files) : null;
            Violations violations = new Violations();
            OsoScan scan = new OsoScan(profile, capturedPaths.get(profile), violations, today,
                    checks == null ? null : checks.sink());
            scan.run(xml);
            InspectedDossier dossier = new OsoFacts(scan).conclude(body);
            List<Violation> warnings = new ArrayList<>();
            if (checks != null) {
                checks.finish(profile.oso().orElseThrow().elements(), violations, warnings);
            }
            violations.throwIfAny();
            return removeForbiddenData(dossier, scan, warnings);
        } catch (XMLStreamException e) {
            throw SecureXml.malformed(e);
        } finally {
            close(xml);
        }
    }

    /**
     * Where the profile removes rather than refuses data under some marks ({@link OsoRules#removedMarks}):
     * that data is taken out before anything is stored, and each removed element is named in a
     * warning ({@value Violation#REMOVED_FORBIDDEN_DATA}). Otherwise the dossier is as received.
     */
    private InspectedDossier removeForbiddenData(InspectedDossier dossier, OsoScan scan, List<Violation> warnings) {
        if (scan.removed.isEmpty()) {
            return warnings.isEmpty() ? dossier : dossier.withWarnings(warnings);
        }
        Set<String> sections = new java.util.LinkedHashSet<>(scan.removed.values());
        scan.removed.forEach((path, section) -> warnings.add(new Violation(path, Violation.REMOVED_FORBIDDEN_DATA,
                scan.removalReason(section) + " The data was removed; it is not stored or delivered.")));
        byte[] content = redactor.removeSections(dossier.profile(), dossier.content(), sections);
        Set<String> present = new java.util.LinkedHashSet<>(dossier.sectionsPresent());
        present.removeAll(sections);
        return new InspectedDossier(dossier.profile(), dossier.pupilId(), dossier.receivingSchool(),
                dossier.sendingSchool(), dossier.transferKind(), present, dossier.inspection(), content, warnings,
                dossier.contactRequested(), present.contains(ADVICE_SECTION) ? dossier.adviceLevel() : AdviceLevel.NONE);
    }

    private static Set<String> capturedPaths(Profile profile) {
        Set<String> paths = new HashSet<>(CAPTURED);
        profile.parties().sendingSchool().ifPresent(reference -> paths.addAll(reference.paths()));
        profile.parties().receivingSchool().ifPresent(reference -> paths.addAll(reference.paths()));
        return paths;
    }

    private Profile profileOf(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            SecureXml.refuseDtd(event);
            if (event == XMLStreamConstants.START_ELEMENT) {
                String namespace = xml.getNamespaceURI();
                List<Profile> profiles = namespace == null ? List.of() : catalog.osoProfilesFor(namespace);
                if (!ROOT.equals(xml.getLocalName()) || profiles.isEmpty()) {
                    throw new UnsupportedDossierFormatException(
                            "The XML is not an OSO dossier in a namespace of a supported profile.");
                }
                return profiles.get(0);
            }
        }
        throw new MalformedDossierException("The dossier has no root element.");
    }

    /** The official checks of one dossier: fed by the pass, concluded after it. */
    private static final class OfficialRun {

        private final StaxToSax sink = new StaxToSax();
        private final OsoSchemaValidator.Run xsd;
        private final OsoRuleValidator.Run rules;

        OfficialRun(OsoStandardFiles files) {
            this.xsd = files.xsd().map(v -> v.start(sink::path)).orElse(null);
            this.rules = files.rules().map(OsoRuleValidator::start).orElse(null);
            if (xsd != null) {
                sink.attach(xsd.handler);
            }
            if (rules != null) {
                sink.attach(rules.handler());
            }
        }

        StaxToSax sink() {
            return sink;
        }

        /**
         * Adds the XSD's errors at paths nothing else has named (one reason per element is enough),
         * then runs the business rules, whose every melding is listed.
         */
        void finish(OsoElements elements, Violations violations, List<Violation> warnings) {
            if (xsd != null) {
                Set<String> named = new HashSet<>();
                violations.list().forEach(v -> named.add(v.path()));
                for (Violation v : xsd.violations()) {
                    if (named.add(v.path())) {
                        violations.add(v.path(), v.code(), v.reason());
                    }
                }
            }
            if (rules != null) {
                rules.finish(elements, violations, warnings);
            }
        }
    }

    private static void close(XMLStreamReader xml) {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // nothing to release beyond the in-memory stream
        }
    }
}
