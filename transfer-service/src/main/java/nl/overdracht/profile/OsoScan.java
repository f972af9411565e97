package nl.overdracht.profile;

import static nl.overdracht.profile.OsoDossierReader.CATEGORIES;
import static nl.overdracht.profile.OsoDossierReader.METADATA;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one pass over one OSO dossier: every element path against the whitelist, where the standard
 * puts it among its siblings, its value against its type and code list, the categories marked
 * VERBODEN or OPT-UIT (or never allowed for the transfer kind) empty; it keeps the few values the
 * conclusions need ({@link OsoFacts}) and replays every event to the official checks, if any.
 */
final class OsoScan {

    private static final String ATTACHMENT = "bestandsinhoud";

    final Profile profile;
    final OsoRules rules;
    final Violations violations;
    /** Stripped values of the elements the conclusions need, by path (the first occurrence). */
    final Map<String, String> captured = new HashMap<>();
    final Set<String> sectionsPresent = new LinkedHashSet<>();
    final Set<String> presentPaths = new HashSet<>();

    private final OsoElements elements;
    private final LocalDate today;
    private final StaxToSax sink;
    private final Set<String> capturedPaths;
    private final Map<String, String> marks = new LinkedHashMap<>();
    private final Map<String, String> forbidden = new HashMap<>();
    /** Sections whose data is removed rather than refused (their mark is one of the profile's removedMarks). */
    private final Set<String> removable = new HashSet<>();
    /** The removed elements' paths, by section, with the reason. */
    final Map<String, String> removed = new LinkedHashMap<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private int elementCount;
    private int skipping;
    private long attachmentBytes;
    private boolean attachmentReported;

    /**
     * @param today the latest date that is not in the future
     * @param sink where the events go for the official checks; null when none is configured
     */
    OsoScan(Profile profile, Set<String> capturedPaths, Violations violations, LocalDate today, StaxToSax sink) {
        this.profile = profile;
        this.rules = profile.oso().orElseThrow();
        this.elements = rules.elements();
        this.capturedPaths = capturedPaths;
        this.violations = violations;
        this.today = today;
        this.sink = sink;
    }

    /** Reads from the root element, on which {@code xml} stands, to the end of the document. */
    void run(XMLStreamReader xml) throws XMLStreamException {
        if (sink != null) {
            sink.startDocument();
        }
        start(xml);
        while (xml.hasNext()) {
            int event = xml.next();
            SecureXml.refuseDtd(event);
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> start(xml);
                case XMLStreamConstants.END_ELEMENT -> end(xml);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text(xml);
                case XMLStreamConstants.COMMENT -> {
                    if (sink != null) {
                        sink.comment(xml);
                    }
                }
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    if (sink != null) {
                        sink.processingInstruction(xml);
                    }
                }
                default -> {
                    // the end of the document; nothing else carries dossier data
                }
            }
        }
        if (sink != null) {
            sink.endDocument();
        }
    }

    private void start(XMLStreamReader xml) {
        if (++elementCount > profile.limits().maxElements()) {
            throw new MalformedDossierException("The dossier has more than " + profile.limits().maxElements() + " elements.");
        }
        if (stack.size() + skipping + 1 > profile.limits().maxDepth()) {
            throw new MalformedDossierException("The dossier nests deeper than " + profile.limits().maxDepth() + " elements.");
        }
        if (sink != null) {
            sink.start(xml);
        }
        if (skipping > 0) {
            skipping++;
            return;
        }
        Frame parent = stack.peek();
        if (parent != null) {
            parent.hasContent = true;
        }
        String name = xml.getLocalName();
        String path = (parent == null ? "" : parent.path) + "/" + name;
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
        if (parent != null) {
            place(parent, name, path);
        }
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String ns = xml.getAttributeNamespace(i);
            String attribute = xml.getAttributeLocalName(i);
            if ((ns != null && !ns.isEmpty()) || !rules.allowedAttributes().contains(attribute)) {
                violations.add(path + "/@" + attribute, Violation.NOT_WHITELISTED, "The attribute is not in the whitelist.");
            }
        }
        presentPaths.add(path);
        ValueRule value = elements.valueRule(path);
        boolean keep = value != null || capturedPaths.contains(path) || (parent != null && parent.path.equals(CATEGORIES));
        stack.push(new Frame(path, name, section.get(), keep, value, elements.contentModel(path)));
    }

    /** Where the standard puts a child among its siblings: in order, and only once unless it repeats. */
    private void place(Frame parent, String name, String path) {
        OsoElements.Content content = parent.content;
        if (content == null) {
            return;
        }
        int position = content.positionOf(name);
        if (position < 0) {
            violations.add(path, Violation.OUT_OF_ORDER, "The standard does not put " + name + " in " + parent.name + ".");
        } else if (position < parent.position && content.cyclic() && position == 0) {
            requireChildren(parent);
            parent.seen.clear();
            parent.seen.set(0);
            parent.position = 0;
            parent.lastName = name;
        } else if (position < parent.position) {
            violations.add(path, Violation.OUT_OF_ORDER, "The element is out of place: the standard puts " + name
                    + " before " + parent.lastName + " in " + parent.name + ".");
        } else if (position == parent.position && !content.slots().get(position).repeats()) {
            violations.add(path, Violation.REPEATED, content.slots().get(position).names().size() == 1
                    ? "The standard allows " + name + " only once in " + parent.name + "."
                    : "The standard allows only one of " + String.join(", ", content.slots().get(position).names())
                            + " in " + parent.name + ".");
        } else {
            parent.position = position;
            parent.lastName = name;
            parent.seen.set(position);
        }
    }

    /** Names each required child that is absent, at the path where it belongs. */
    private void requireChildren(Frame frame) {
        if (frame.content == null) {
            return;
        }
        for (int i = 0; i < frame.content.slots().size(); i++) {
            OsoElements.Slot slot = frame.content.slots().get(i);
            if (slot.required() && !frame.seen.get(i)) {
                violations.add(frame.path + "/" + slot.names().get(0), Violation.REQUIRED_MISSING, slot.names().size() == 1
                        ? "The standard requires " + slot.names().get(0) + " in " + frame.name + "."
                        : "The standard requires one of " + String.join(", ", slot.names()) + " in " + frame.name + ".");
            }
        }
    }

    private void text(XMLStreamReader xml) {
        if (sink != null) {
            sink.text(xml);
        }
        if (skipping > 0 || stack.isEmpty()) {
            return;
        }
        Frame frame = stack.peek();
        if (!frame.hasText && !xml.isWhiteSpace()) {
            frame.hasContent = true;
            frame.hasText = true;
        }
        frame.textLength += xml.getTextLength();
        if (frame.text != null && frame.text.length() < ValueRule.KEPT_CHARS) {
            int length = Math.min(xml.getTextLength(), ValueRule.KEPT_CHARS - frame.text.length());
            frame.text.append(xml.getTextCharacters(), xml.getTextStart(), length);
        }
        if (frame.name.equals(ATTACHMENT)) {
            char[] chars = xml.getTextCharacters();
            int end = xml.getTextStart() + xml.getTextLength();
            int counted = 0;
            for (int i = xml.getTextStart(); i < end; i++) {
                char c = chars[i];
                // XML's own white space (its only kinds): the rest of the text counts
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    counted++;
                }
            }
            frame.attachmentChars += counted;
        }
    }

    private void end(XMLStreamReader xml) {
        if (sink != null) {
            sink.end(xml);
        }
        if (skipping > 0) {
            skipping--;
            return;
        }
        Frame frame = stack.pop();
        if (frame.hasText) {
            // a section is present when it holds data of its own, not when it only wraps another
            sectionsPresent.add(frame.section);
        }
        requireChildren(frame);
        if (frame.text != null) {
            checkValue(frame);
        }
        countAttachment(frame);
        if (frame.path.equals(METADATA)) {
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

    private void checkValue(Frame frame) {
        String raw = frame.text.toString();
        if (Whitelist.parent(frame.path).equals(CATEGORIES)) {
            marks.put(frame.name, raw.strip());
        } else if (capturedPaths.contains(frame.path)) {
            captured.putIfAbsent(frame.path, raw.strip());
        }
        if (frame.value == null) {
            return;
        }
        Optional<ValueRule.Fault> fault = frame.value.check(raw, frame.textLength);
        if (fault.isPresent()) {
            violations.add(frame.path, fault.get().code(), fault.get().reason());
            return;
        }
        if (elements.pastDates().contains(frame.path)) {
            LocalDate date = frame.value.date(raw).orElseThrow();
            if (date.isAfter(today)) {
                violations.add(frame.path, Violation.DATE_IN_FUTURE, "The " + frame.name + " lies in the future.");
            } else if (date.isBefore(elements.earliestDate())) {
                violations.add(frame.path, Violation.INVALID_VALUE, "The " + frame.name + " lies before "
                        + elements.earliestDate() + ", which is not plausible.");
            }
        }
    }

    private void countAttachment(Frame frame) {
        if (frame.attachmentChars == 0) {
            return;
        }
        attachmentBytes += frame.attachmentChars / 4 * 3;
        if (attachmentBytes > profile.limits().maxAttachmentBytes() && !attachmentReported) {
            attachmentReported = true;
            violations.add(frame.path, Violation.ATTACHMENT_TOO_LARGE, "The attachments together exceed "
                    + profile.limits().maxAttachmentBytes() + " bytes.");
        }
    }

    /**
     * Sections forbidden by the dossier's own marks and by the transfer kind, with the reason. A mark
     * outside the standard's list is named by the value check; it forbids nothing.
     */
    private void decideForbiddenSections() {
        marks.forEach((category, mark) -> {
            Optional<String> section = rules.sectionOfCategory(category);
            if (section.isPresent() && rules.forbiddenMarks().contains(mark)) {
                if (profile.section(section.get()).map(Section::mandatory).orElse(false)) {
                    violations.add(CATEGORIES + "/" + category, Violation.INVALID_CATEGORY_MARK,
                            "Category " + section.get() + " is mandatory and cannot be marked " + mark + ".");
                } else {
                    forbidden.put(section.get(), "Category " + section.get() + " (" + category + ") is marked " + mark
                            + ": " + rules.markReasons().get(mark));
                    if (rules.removedMarks().contains(mark)) {
                        removable.add(section.get());
                    }
                }
            }
        });
        String kind = captured.get(OsoDossierReader.TRANSFER_KIND);
        OsoRules.TransferKind rule = kind == null ? null : rules.transferKinds().get(kind);
        if (rule != null) {
            for (String section : rule.forbiddenSections()) {
                forbidden.putIfAbsent(section, "Category " + section + " never passes in a " + kind + " transfer: "
                        + rules.transferKindReason());
            }
        }
    }

    private void reportForbidden(Map<String, String> offences) {
        offences.forEach((path, section) -> {
            if (removable.contains(section)) {
                removed.put(path, section);
            } else {
                violations.add(path, Violation.FORBIDDEN_CATEGORY, forbidden.get(section));
            }
        });
    }

    /** The reason a removed section's data did not pass. */
    String removalReason(String section) {
        return forbidden.get(section);
    }

    private static final class Frame {
        final String path;
        final String name;
        final String section;
        final StringBuilder text;
        final ValueRule value;
        final OsoElements.Content content;
        final Map<String, String> pending = new LinkedHashMap<>();
        final BitSet seen = new BitSet();
        int position = -1;
        String lastName = "";
        boolean containsAllowed;
        boolean hasContent;
        boolean hasText;
        long textLength;
        long attachmentChars;

        Frame(String path, String name, String section, boolean keep, ValueRule value, OsoElements.Content content) {
            this.path = path;
            this.name = name;
            this.section = section;
            this.text = keep ? new StringBuilder() : null;
            this.value = value;
            this.content = content;
        }
    }
}
