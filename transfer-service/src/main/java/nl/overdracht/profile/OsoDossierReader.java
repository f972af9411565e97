package nl.overdracht.profile;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an OSO gegevensset dossier in one StAX pass: every element path against the profile's
 * whitelist, categories marked VERBODEN or OPT-UIT (or never allowed for the transfer kind) empty,
 * the standard version, the inzage block, the pupil identifier and the attachment total.
 *
 * <p>Only the handful of values needed for these checks are kept (codes, dates, the identifier);
 * no value is ever put into a violation or an exception.
 */
final class OsoDossierReader {

    static final String ROOT = "dossier";
    static final String METADATA = "/dossier/metadata";
    static final String CATEGORIES = METADATA + "/categorie_uitlevering";
    static final String STANDARD_VERSION = METADATA + "/standaardversie";
    static final String TRANSFER_KIND = METADATA + "/overstap";
    static final String INZAGE = "/dossier/inzage";
    static final String SCHOOL = "/dossier/huidigeschool";
    static final String PUPIL = SCHOOL + "/leerling";
    static final String BSN = PUPIL + "/bsn";
    static final String ONDERWIJSNUMMER = PUPIL + "/onderwijsnummer";
    static final String ATTACHMENT = "bestandsinhoud";

    private static final Set<String> CAPTURED = Set.of(STANDARD_VERSION, TRANSFER_KIND, INZAGE + "/voorlopigdossier",
            INZAGE + "/inzage", INZAGE + "/inzagedatum", INZAGE + "/akkoord", INZAGE + "/toestemming", BSN,
            ONDERWIJSNUMMER);
    private static final int MAX_CAPTURED_CHARS = 64;

    private final XMLInputFactory factory = SecureXml.inputFactory();
    private final ProfileCatalog catalog;

    OsoDossierReader(ProfileCatalog catalog) {
        this.catalog = catalog;
    }

    /** @param today the latest date that is not in the future */
    InspectedDossier read(byte[] body, Optional<OsoSchemaValidator> xsd, LocalDate today) {
        XMLStreamReader xml = SecureXml.reader(factory, body);
        try {
            Profile profile = profileOf(xml);
            if (body.length > profile.limits().maxBodyBytes()) {
                throw new DossierTooLargeException(body.length, profile.limits().maxBodyBytes());
            }
            Scan scan = new Scan(profile, today);
            scan.run(xml);
            InspectedDossier dossier = scan.finish(body);
            xsd.ifPresent(v -> v.validate(body, scan.violations));
            scan.violations.throwIfAny();
            return dossier;
        } catch (XMLStreamException e) {
            throw SecureXml.malformed(e);
        } finally {
            close(xml);
        }
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

    /** The state of one pass over one dossier. */
    private static final class Scan {

        private final Profile profile;
        private final OsoRules rules;
        private final Violations violations = new Violations();
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<String, String> captured = new HashMap<>();
        private final Map<String, String> marks = new LinkedHashMap<>();
        private final Set<String> sectionsPresent = new LinkedHashSet<>();
        private final Map<String, String> forbidden = new HashMap<>();
        private final Set<String> presentPaths = new HashSet<>();
        private boolean metadataDone;
        private int elements;
        private int skipping;
        private long attachmentBytes;
        private boolean attachmentReported;

        private final Set<String> schoolPaths = new HashSet<>();

        private final LocalDate today;

        Scan(Profile profile, LocalDate today) {
            this.profile = profile;
            this.today = today;
            this.rules = profile.oso().orElseThrow();
            profile.parties().sendingSchool().ifPresent(reference -> schoolPaths.addAll(reference.paths()));
            profile.parties().receivingSchool().ifPresent(reference -> schoolPaths.addAll(reference.paths()));
        }

        void run(XMLStreamReader xml) throws XMLStreamException {
            start(xml);
            while (xml.hasNext()) {
                int event = xml.next();
                SecureXml.refuseDtd(event);
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> start(xml);
                    case XMLStreamConstants.END_ELEMENT -> end();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text(xml);
                    default -> {
                        // whitespace, comments and processing instructions carry no dossier data
                    }
                }
            }
        }

        private void start(XMLStreamReader xml) {
            if (++elements > profile.limits().maxElements()) {
                throw new MalformedDossierException("The dossier has more than " + profile.limits().maxElements()
                        + " elements.");
            }
            if (stack.size() + skipping + 1 > profile.limits().maxDepth()) {
                throw new MalformedDossierException("The dossier nests deeper than " + profile.limits().maxDepth()
                        + " elements.");
            }
            if (skipping > 0) {
                skipping++;
                return;
            }
            if (!stack.isEmpty()) {
                stack.peek().hasContent = true;
            }
            String parent = stack.isEmpty() ? "" : stack.peek().path;
            String path = parent + "/" + xml.getLocalName();
            if (!rules.namespace().equals(xml.getNamespaceURI())) {
                violations.add(path, Violation.NOT_WHITELISTED, "The element is outside the OSO namespace of the profile.");
                skipping = 1;
                return;
            }
            Optional<String> section = profile.whitelist().sectionOf(path);
            if (section.isEmpty()) {
                violations.add(path, Violation.NOT_WHITELISTED,
                        "The element is not in the whitelist of profile " + profile.id() + " " + profile.version() + ".");
                skipping = 1;
                return;
            }
            if (stack.size() == 1 && !metadataDone && !path.equals(METADATA)) {
                violations.add(path, Violation.OUT_OF_ORDER, "The metadata block must come first in an OSO dossier.");
            }
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                String ns = xml.getAttributeNamespace(i);
                String name = xml.getAttributeLocalName(i);
                if ((ns != null && !ns.isEmpty()) || !rules.allowedAttributes().contains(name)) {
                    violations.add(path + "/@" + name, Violation.NOT_WHITELISTED, "The attribute is not in the whitelist.");
                }
            }
            presentPaths.add(path);
            stack.push(new Frame(path, section.get(), CAPTURED.contains(path) || parent.equals(CATEGORIES)
                    || schoolPaths.contains(path)));
        }

        private void text(XMLStreamReader xml) {
            if (skipping > 0 || stack.isEmpty()) {
                return;
            }
            Frame frame = stack.peek();
            if (!frame.hasText && !xml.isWhiteSpace()) {
                frame.hasContent = true;
                frame.hasText = true;
            }
            if (frame.text != null && frame.text.length() < MAX_CAPTURED_CHARS) {
                int length = Math.min(xml.getTextLength(), MAX_CAPTURED_CHARS - frame.text.length());
                frame.text.append(xml.getTextCharacters(), xml.getTextStart(), length);
            }
            if (frame.path.endsWith("/" + ATTACHMENT)) {
                char[] chars = xml.getTextCharacters();
                int end = xml.getTextStart() + xml.getTextLength();
                for (int i = xml.getTextStart(); i < end; i++) {
                    if (!Character.isWhitespace(chars[i])) {
                        frame.attachmentChars++;
                    }
                }
            }
        }

        private void end() {
            if (skipping > 0) {
                skipping--;
                return;
            }
            Frame frame = stack.pop();
            if (frame.hasText) {
                // a section is present when it holds data of its own, not when it only wraps another
                sectionsPresent.add(frame.section);
            }
            if (frame.text != null) {
                String value = frame.text.toString().strip();
                if (Whitelist.parent(frame.path).equals(CATEGORIES)) {
                    marks.put(frame.path.substring(CATEGORIES.length() + 1), value);
                } else {
                    captured.putIfAbsent(frame.path, value);
                }
            }
            if (frame.attachmentChars > 0) {
                attachmentBytes += frame.attachmentChars / 4 * 3;
                if (attachmentBytes > profile.limits().maxAttachmentBytes() && !attachmentReported) {
                    attachmentReported = true;
                    violations.add(frame.path, Violation.ATTACHMENT_TOO_LARGE, "The attachments together exceed "
                            + profile.limits().maxAttachmentBytes() + " bytes.");
                }
            }
            if (frame.path.equals(METADATA)) {
                metadataDone = true;
                decideForbiddenSections();
            }
            boolean allowed = !forbidden.containsKey(frame.section);
            Frame parent = stack.peek();
            if (allowed || frame.containsAllowed || !frame.hasContent) {
                if (parent != null) {
                    parent.containsAllowed = true;
                    parent.pending.putAll(frame.pending);
                } else {
                    reportForbidden(frame.pending);
                }
            } else if (parent != null) {
                // the whole non-empty element is forbidden: report it instead of its descendants
                parent.pending.put(frame.path, frame.section);
            } else {
                reportForbidden(Map.of(frame.path, frame.section));
            }
        }

        /** Sections forbidden by the dossier's own marks and by the transfer kind, with the reason. */
        private void decideForbiddenSections() {
            marks.forEach((category, mark) -> {
                String path = CATEGORIES + "/" + category;
                Optional<String> section = rules.sectionOfCategory(category);
                if (!rules.knownMarks().contains(mark)) {
                    violations.add(path, Violation.INVALID_CATEGORY_MARK, "The mark is not one of " + rules.knownMarks() + ".");
                } else if (section.isPresent() && rules.forbiddenMarks().contains(mark)) {
                    if (profile.section(section.get()).map(Section::mandatory).orElse(false)) {
                        violations.add(path, Violation.INVALID_CATEGORY_MARK,
                                "Category " + section.get() + " is mandatory and cannot be marked " + mark + ".");
                    } else {
                        forbidden.put(section.get(), "Category " + section.get() + " (" + category + ") is marked " + mark
                                + ": " + rules.markReasons().get(mark));
                    }
                }
            });
            String kind = captured.get(TRANSFER_KIND);
            OsoRules.TransferKind rule = kind == null ? null : rules.transferKinds().get(kind);
            if (rule != null) {
                for (String section : rule.forbiddenSections()) {
                    forbidden.putIfAbsent(section, "Category " + section + " never passes in a " + kind + " transfer: "
                            + rules.transferKindReason());
                }
            }
        }

        private void reportForbidden(Map<String, String> offences) {
            offences.forEach((path, section) -> violations.add(path, Violation.FORBIDDEN_CATEGORY, forbidden.get(section)));
        }

        InspectedDossier finish(byte[] body) {
            String version = captured.get(STANDARD_VERSION);
            if (version == null || !rules.standardVersions().contains(version)) {
                violations.add(STANDARD_VERSION, Violation.UNSUPPORTED_VERSION,
                        "The standaardversie must be one of " + rules.standardVersions() + ".");
            }
            String kind = captured.get(TRANSFER_KIND);
            OsoRules.TransferKind rule = kind == null ? null : rules.transferKinds().get(kind);
            if (kind == null) {
                violations.add(TRANSFER_KIND, Violation.TRANSFER_KIND_MISSING,
                        "The overstap must state the transfer kind, one of " + rules.transferKinds().keySet() + ".");
            } else if (rule == null) {
                violations.add(TRANSFER_KIND, Violation.UNSUPPORTED_TRANSFER_KIND,
                        "The transfer kind must be one of " + rules.transferKinds().keySet() + ".");
            }
            Optional<InspectionRecord> inspection = inspection();
            if (inspection.isEmpty()) {
                violations.add(INZAGE, Violation.INZAGE_MISSING,
                        "The inzage block is required: parents inspect the dossier before it is sent (WPO art. 42).");
            } else if (rule != null && rule.inzage() == OsoRules.InzageRule.RECORDED) {
                if (!inspection.get().inspected()) {
                    violations.add(INZAGE + "/inzage", Violation.INZAGE_MISSING,
                            "A " + kind + " dossier must record that the parents inspected it.");
                }
                if (inspection.get().inspectedOn().isEmpty()) {
                    violations.add(INZAGE + "/inzagedatum", Violation.INZAGE_MISSING,
                            "A " + kind + " dossier must record the date of the parents' inspection.");
                }
            } else if (rule != null && !inspection.get().consent().orElse(false)) {
                violations.add(INZAGE + "/toestemming", Violation.CONSENT_MISSING,
                        "A " + kind + " dossier needs the consent (toestemming Ja) of the parents or the pupil.");
            }
            PupilId pupilId = pupilId();
            Optional<String> sendingSchool = school(profile.parties().sendingSchool());
            Optional<String> receivingSchool = school(profile.parties().receivingSchool());
            if (!violations.isEmpty()) {
                return null;
            }
            return new InspectedDossier(profile, pupilId, receivingSchool, sendingSchool, Optional.ofNullable(kind),
                    sectionsPresent, inspection, body);
        }

        /** The school the dossier names where {@code reference} says, if the profile has such a place. */
        private Optional<String> school(Optional<SchoolReference> reference) {
            if (reference.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> id = reference.get().idFrom(captured::get);
            if (id.isEmpty() && reference.get().required()) {
                violations.add(reference.get().pointer(), Violation.REQUIRED_MISSING, "The dossier must name this school.");
            }
            return id;
        }

        private Optional<InspectionRecord> inspection() {
            if (!presentPaths.contains(INZAGE)) {
                return Optional.empty();
            }
            Optional<LocalDate> date = Optional.empty();
            String dateText = captured.get(INZAGE + "/inzagedatum");
            if (dateText != null) {
                try {
                    date = Optional.of(LocalDate.parse(dateText));
                    if (date.get().isAfter(today)) {
                        violations.add(INZAGE + "/inzagedatum", Violation.DATE_IN_FUTURE,
                                "The inzagedatum lies in the future; the parents' inspection must have taken place.");
                    }
                } catch (DateTimeParseException e) {
                    violations.add(INZAGE + "/inzagedatum", Violation.INVALID_TYPE, "The inzagedatum is not a date.");
                }
            }
            return Optional.of(new InspectionRecord("true".equals(captured.get(INZAGE + "/voorlopigdossier")),
                    "true".equals(captured.get(INZAGE + "/inzage")), date, jaNee(captured.get(INZAGE + "/akkoord")),
                    presentPaths.contains(INZAGE + "/redennietakkoord"), jaNee(captured.get(INZAGE + "/toestemming"))));
        }

        private PupilId pupilId() {
            String path = captured.containsKey(BSN) ? BSN : ONDERWIJSNUMMER;
            PupilId.Kind kind = captured.containsKey(BSN) ? PupilId.Kind.BSN : PupilId.Kind.ONDERWIJSNUMMER;
            String value = captured.get(path);
            if (value == null) {
                violations.add(BSN, Violation.PUPIL_ID_MISSING, "The pupil needs a bsn or an onderwijsnummer.");
                return null;
            }
            Optional<PupilId> id = PupilId.parse(kind, value);
            if (id.isEmpty()) {
                violations.add(path, Violation.INVALID_PUPIL_ID, "The " + kind + " fails its check-digit test.");
            }
            return id.orElse(null);
        }

        private static Optional<Boolean> jaNee(String value) {
            if ("Ja".equalsIgnoreCase(value)) {
                return Optional.of(true);
            }
            return "Nee".equalsIgnoreCase(value) ? Optional.of(false) : Optional.empty();
        }
    }

    private static final class Frame {
        final String path;
        final String section;
        final StringBuilder text;
        final Map<String, String> pending = new LinkedHashMap<>();
        boolean containsAllowed;
        boolean hasContent;
        boolean hasText;
        long attachmentChars;

        Frame(String path, String section, boolean capture) {
            this.path = path;
            this.section = section;
            this.text = capture ? new StringBuilder() : null;
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
