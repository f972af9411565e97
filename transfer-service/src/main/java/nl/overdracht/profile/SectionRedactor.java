package nl.overdracht.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * Removes sections from an inspected dossier, for a partial objection. JSON: the sections' members
 * are dropped. OSO XML: the categories' elements are dropped and the categories are marked
 * {@code OPT-UIT} in {@code categorie_uitlevering} (added if absent), so the result is still a
 * valid OSO dossier that inspects clean. An element of a removed category that holds elements of a
 * kept category (OSO {@code onderwijsondersteuning} around {@code handelingsplan}) stays, emptied of
 * the removed category's elements.
 */
@ApplicationScoped
public class SectionRedactor {

    static final String OPT_OUT = "OPT-UIT";
    static final String FORBIDDEN = "VERBODEN";

    private final XMLInputFactory inputFactory = SecureXml.inputFactory();
    private final XMLOutputFactory outputFactory = XMLOutputFactory.newFactory();
    private final XMLEventFactory events = XMLEventFactory.newFactory();

    /**
     * @param profile the profile the content was inspected against
     * @param content an inspected dossier of that profile
     * @param sections section names of the profile; none may be mandatory
     * @throws IllegalArgumentException for an unknown or a mandatory section
     */
    public byte[] removeSections(Profile profile, byte[] content, Set<String> sections) {
        for (String name : sections) {
            Section section = profile.section(name)
                    .orElseThrow(() -> new IllegalArgumentException("Profile " + profile.id() + " has no section " + name));
            if (section.mandatory()) {
                throw new IllegalArgumentException("Section " + name + " is mandatory and cannot be removed");
            }
        }
        if (sections.isEmpty()) {
            return content.clone();
        }
        return profile.oso().isPresent() ? redactXml(profile, content, sections) : redactJson(profile, content, sections);
    }

    private byte[] redactJson(Profile profile, byte[] content, Set<String> sections) {
        ObjectMapper mapper = JsonDossiers.mapper(Math.max(content.length, 1));
        JsonNode root = JsonDossiers.parse(mapper, content);
        for (String section : sections) {
            for (String root2 : profile.whitelist().rootsOf(section)) {
                if (root2.contains("*")) {
                    continue; // array elements go with their section's root member
                }
                int slash = root2.lastIndexOf('/');
                JsonNode parent = root.at(root2.substring(0, slash));
                if (parent instanceof ObjectNode object) {
                    object.remove(root2.substring(slash + 1).replace("~1", "/").replace("~0", "~"));
                }
            }
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The redacted dossier cannot be written", e);
        }
    }

    private byte[] redactXml(Profile profile, byte[] content, Set<String> sections) {
        OsoRules rules = profile.oso().orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        try {
            XMLEventReader reader = inputFactory.createXMLEventReader(new java.io.ByteArrayInputStream(content));
            XMLEventWriter writer = outputFactory.createXMLEventWriter(out, StandardCharsets.UTF_8.name());
            Deque<String> path = new ArrayDeque<>();
            boolean categoriesSeen = false;
            int skipping = 0;
            StringBuilder replacedMark = null;
            while (reader.hasNext()) {
                XMLEvent event = reader.nextEvent();
                SecureXml.refuseDtd(event.getEventType());
                if (skipping > 0) {
                    skipping += event.isStartElement() ? 1 : event.isEndElement() ? -1 : 0;
                    continue;
                }
                if (event.isStartElement()) {
                    StartElement start = event.asStartElement();
                    String parent = path.isEmpty() ? "" : path.peek();
                    String current = parent + "/" + start.getName().getLocalPart();
                    String section = profile.whitelist().sectionOf(current).orElse(null);
                    if (section != null && sections.contains(section)
                            && sections.containsAll(profile.whitelist().sectionsBelow(current))) {
                        skipping = 1;
                        continue;
                    }
                    if (current.equals(OsoDossierReader.TRANSFER_KIND) && !categoriesSeen) {
                        addCategories(writer, profile, rules, sections, start.getName().getPrefix());
                        categoriesSeen = true;
                    }
                    path.push(current);
                    writer.add(event);
                    if (current.equals(OsoDossierReader.CATEGORIES)) {
                        categoriesSeen = true;
                    }
                    if (parent.equals(OsoDossierReader.CATEGORIES)
                            && rules.sectionOfCategory(start.getName().getLocalPart()).map(sections::contains).orElse(false)) {
                        replacedMark = new StringBuilder();
                    }
                    continue;
                }
                if (event.isEndElement()) {
                    String current = path.pop();
                    if (replacedMark != null) {
                        // a category the dossier itself forbids keeps that mark; any other becomes OPT-UIT
                        String mark = replacedMark.toString().strip();
                        writer.add(events.createCharacters(mark.equals(FORBIDDEN) ? FORBIDDEN : OPT_OUT));
                        replacedMark = null;
                    }
                    if (current.equals(OsoDossierReader.METADATA) && !categoriesSeen) {
                        addCategories(writer, profile, rules, sections, event.asEndElement().getName().getPrefix());
                        categoriesSeen = true;
                    }
                }
                if (replacedMark != null && event.isCharacters()) {
                    replacedMark.append(event.asCharacters().getData());
                    continue;
                }
                writer.add(event);
            }
            writer.flush();
            writer.close();
            reader.close();
        } catch (XMLStreamException e) {
            throw SecureXml.malformed(e);
        }
        return out.toByteArray();
    }

    /** A full {@code categorie_uitlevering} block, for a dossier that had none. */
    private void addCategories(XMLEventWriter writer, Profile profile, OsoRules rules, Set<String> sections, String prefix)
            throws XMLStreamException {
        String ns = rules.namespace();
        writer.add(events.createStartElement(prefix, ns, "categorie_uitlevering"));
        for (Map.Entry<String, String> category : orderedCategories(profile, rules)) {
            String mark = sections.contains(category.getKey()) ? OPT_OUT
                    : profile.section(category.getKey()).map(Section::mandatory).orElse(false) ? "VERPLICHT" : "OPTIONEEL";
            writer.add(events.createStartElement(prefix, ns, category.getValue()));
            writer.add(events.createCharacters(mark));
            writer.add(events.createEndElement(prefix, ns, category.getValue()));
        }
        writer.add(events.createEndElement(prefix, ns, "categorie_uitlevering"));
    }

    private static Iterable<Map.Entry<String, String>> orderedCategories(Profile profile, OsoRules rules) {
        return profile.sections().stream().filter(s -> rules.categoryElements().containsKey(s.name()))
                .map(s -> Map.entry(s.name(), rules.categoryElements().get(s.name()))).toList();
    }
}
