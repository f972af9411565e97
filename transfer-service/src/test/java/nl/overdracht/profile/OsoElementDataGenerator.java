package nl.overdracht.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Derives the element data of an OSO profile version ({@code profiles/oso-gegevensset/<version>.elements.json})
 * from the standard's public files: from the XSD every element path, where its children may appear
 * (order, required, repeatable) and the type and facets of its value; from the include of the
 * validation XSLT the code lists and the elements they apply to. It fails on any XSD construct it
 * does not model, so the data never silently says less than the XSD.
 */
final class OsoElementDataGenerator {

    private static final String XS = "http://www.w3.org/2001/XMLSchema";
    private static final String XSL = "http://www.w3.org/1999/XSL/Transform";
    private static final Pattern CODE_LIST = Pattern.compile("codelijst (\\d+)");
    private static final Pattern NOT_TEXT = Pattern.compile("not\\(text\\(\\)='([^']*)'\\)");
    private static final Pattern NOT_PATH_TEXT = Pattern.compile("not\\(((?://od:[\\w-]+)(?:/od:[\\w-]+)*)/text\\(\\)='([^']*)'\\)");
    private static final int MAX_DEPTH = 40;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Element> globalElements = new HashMap<>();
    private final Map<String, Element> complexTypes = new HashMap<>();
    private final Map<String, Element> simpleTypes = new HashMap<>();
    private final Map<String, Element> groups = new HashMap<>();
    private final Map<String, ObjectNode> elements = new LinkedHashMap<>();
    private final Map<String, List<String>> codeLists = new TreeMap<>(OsoElementDataGenerator::byNumber);

    private OsoElementDataGenerator() {
    }

    /**
     * @param xsd the version's {@code OSO_gegevensset_<version>.xsd}
     * @param codeListXslt the version's {@code include/ValideerOSOgegevensset_<version>.xsl}
     * @param source a line saying where the data comes from, written into the file
     */
    static ObjectNode generate(Path xsd, Path codeListXslt, String source) {
        OsoElementDataGenerator generator = new OsoElementDataGenerator();
        Element schema = parse(xsd).getDocumentElement();
        for (Element child : children(schema)) {
            switch (child.getLocalName()) {
                case "element" -> generator.globalElements.put(child.getAttribute("name"), child);
                case "complexType" -> generator.complexTypes.put(child.getAttribute("name"), child);
                case "simpleType" -> generator.simpleTypes.put(child.getAttribute("name"), child);
                case "group" -> generator.groups.put(child.getAttribute("name"), child);
                default -> {
                    // annotations carry documentation only
                }
            }
        }
        generator.element(generator.globalElements.get("dossier"), "", 0);
        generator.codeLists(parse(codeListXslt).getDocumentElement());
        ObjectNode root = generator.mapper.createObjectNode();
        root.put("source", source);
        ObjectNode lists = root.putObject("codeLists");
        generator.codeLists.forEach((number, codes) -> codes.forEach(lists.withArray(number)::add));
        ObjectNode out = root.putObject("elements");
        generator.elements.forEach(out::set);
        return root;
    }

    /** The data as the committed file holds it: one line per code list and per element path. */
    static String write(ObjectNode data) {
        StringBuilder out = new StringBuilder("{\n  \"source\": ").append(compact(data.get("source"))).append(",\n");
        out.append("  \"codeLists\": {\n");
        appendMembers(out, data.get("codeLists"));
        out.append("  },\n  \"elements\": {\n");
        appendMembers(out, data.get("elements"));
        return out.append("  }\n}\n").toString();
    }

    private static void appendMembers(StringBuilder out, JsonNode object) {
        List<String> lines = new ArrayList<>();
        object.fields().forEachRemaining(e -> lines.add("    " + compact(e.getKey()) + ": " + compact(e.getValue())));
        out.append(String.join(",\n", lines)).append('\n');
    }

    private static String compact(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void element(Element declaration, String parentPath, int depth) {
        Element decl = declaration.hasAttribute("ref") ? resolve(globalElements, declaration.getAttribute("ref"))
                : declaration;
        String path = parentPath + "/" + decl.getAttribute("name");
        if (depth > MAX_DEPTH || elements.containsKey(path)) {
            throw new IllegalStateException("Unsupported XSD: " + path + " is recursive or declared twice");
        }
        ObjectNode node = mapper.createObjectNode();
        elements.put(path, node);
        Element complex = decl.hasAttribute("type") ? complexTypes.get(local(decl.getAttribute("type")))
                : child(decl, "complexType");
        if (complex == null) {
            Element inline = child(decl, "simpleType");
            value(node, inline != null ? inline : null, decl.getAttribute("type"), path);
            return;
        }
        Element simpleContent = child(complex, "simpleContent");
        if (simpleContent != null) {
            Element extension = required(child(simpleContent, "extension"), path);
            value(node, null, extension.getAttribute("base"), path);
            return;
        }
        Model model = new Model();
        content(complex, model, false, false, true, path);
        ArrayNode groupsOut = node.putArray("children");
        for (Group group : model.groups) {
            // as in a DTD: alternatives joined by |, then ? (optional), + (repeats) or * (optional, repeats)
            groupsOut.add(String.join("|", group.names) + (group.required ? group.repeats ? "+" : ""
                    : group.repeats ? "*" : "?"));
        }
        if (model.cyclic) {
            node.put("cyclic", true);
        }
        for (Element child : model.declarations) {
            element(child, path, depth + 1);
        }
    }

    /** One position in a content model: its element names (choice alternatives share one). */
    private record Group(List<String> names, boolean required, boolean repeats) {
    }

    private static final class Model {
        final List<Group> groups = new ArrayList<>();
        final List<Element> declarations = new ArrayList<>();
        boolean cyclic;
    }

    private void content(Element node, Model model, boolean optional, boolean repeated, boolean top, String path) {
        for (Element particle : children(node)) {
            switch (particle.getLocalName()) {
                case "annotation", "attribute" -> {
                    // attributes are allowed by name in the profile; annotations are documentation
                }
                case "sequence" -> {
                    if (max(particle) > 1) {
                        if (!top) {
                            throw new IllegalStateException("Unsupported XSD: a repeated inner sequence under " + path);
                        }
                        model.cyclic = true;
                    }
                    content(particle, model, optional || min(particle) == 0, repeated, false, path);
                }
                case "choice" -> choice(particle, model, optional, repeated, path);
                case "element" -> {
                    model.groups.add(new Group(List.of(name(particle)), !optional && min(particle) >= 1,
                            repeated || max(particle) > 1));
                    model.declarations.add(particle);
                }
                case "group" -> content(resolve(groups, particle.getAttribute("ref")), model, optional || min(particle) == 0,
                        repeated || max(particle) > 1, false, path);
                case "complexContent" -> content(particle, model, optional, repeated, top, path);
                case "extension" -> {
                    content(required(complexTypes.get(local(particle.getAttribute("base"))), path), model, optional,
                            repeated, top, path);
                    content(particle, model, optional, repeated, false, path);
                }
                default -> throw new IllegalStateException("Unsupported XSD particle " + particle.getLocalName() + " under "
                        + path);
            }
        }
    }

    private void choice(Element choice, Model model, boolean optional, boolean repeated, String path) {
        List<String> names = new ArrayList<>();
        boolean required = !optional && min(choice) >= 1;
        boolean repeats = repeated || max(choice) > 1;
        for (Element alternative : children(choice)) {
            if (alternative.getLocalName().equals("annotation")) {
                continue;
            }
            if (!alternative.getLocalName().equals("element")) {
                throw new IllegalStateException("Unsupported XSD: a choice of " + alternative.getLocalName() + " under " + path);
            }
            names.add(name(alternative));
            required &= min(alternative) >= 1;
            repeats |= max(alternative) > 1;
            model.declarations.add(alternative);
        }
        model.groups.add(new Group(List.copyOf(names), required, repeats));
    }

    private void value(ObjectNode node, Element inline, String typeName, String path) {
        if (inline == null && typeName.isEmpty()) {
            throw new IllegalStateException("Unsupported XSD: " + path + " has no type");
        }
        Element restriction = inline != null ? required(child(inline, "restriction"), path) : null;
        String base = restriction != null ? restriction.getAttribute("base") : typeName;
        if (!base.startsWith("xs:")) {
            Element named = resolve(simpleTypes, base);
            value(node, named, "", path);
        } else {
            node.put("type", switch (base) {
                case "xs:string" -> "string";
                case "xs:date" -> "date";
                case "xs:boolean" -> "boolean";
                case "xs:integer" -> "integer";
                case "xs:int" -> "int";
                case "xs:decimal" -> "decimal";
                default -> throw new IllegalStateException("Unsupported XSD type " + base + " at " + path);
            });
        }
        if (restriction != null) {
            for (Element facet : children(restriction)) {
                String value = facet.getAttribute("value");
                switch (facet.getLocalName()) {
                    case "annotation" -> {
                        // documentation
                    }
                    case "pattern" -> node.put("pattern", value);
                    case "minLength", "maxLength" -> node.put(facet.getLocalName(), Integer.parseInt(value));
                    case "minInclusive", "maxInclusive" -> node.put(facet.getLocalName(), Long.parseLong(value));
                    default -> throw new IllegalStateException("Unsupported XSD facet " + facet.getLocalName() + " at " + path);
                }
            }
        }
    }

    /** The code lists the validation XSLT checks element values against, applied to the element paths. */
    private void codeLists(Element stylesheet) {
        for (Element forEach : descendants(stylesheet, XSL, "for-each")) {
            Element test = first(descendants(forEach, XSL, "if"));
            String message = first(descendants(forEach, XSL, "with-param")) == null ? ""
                    : first(descendants(forEach, XSL, "with-param")).getTextContent();
            Matcher number = CODE_LIST.matcher(message);
            if (test == null || !number.find() || !NOT_TEXT.matcher(test.getAttribute("test")).replaceAll("")
                    .replace("and", "").isBlank()) {
                continue;
            }
            List<String> codes = new ArrayList<>();
            Matcher code = NOT_TEXT.matcher(test.getAttribute("test"));
            while (code.find()) {
                codes.add(code.group(1));
            }
            apply(forEach.getAttribute("select"), number.group(1), codes);
        }
        for (Element test : descendants(stylesheet, XSL, "if")) {
            String condition = test.getAttribute("test");
            Matcher number = CODE_LIST.matcher(test.getTextContent());
            if (!condition.startsWith("not(//od:") || !number.find()
                    || !NOT_PATH_TEXT.matcher(condition).replaceAll("").replace("and", "").isBlank()) {
                continue;
            }
            List<String> codes = new ArrayList<>();
            String selector = null;
            Matcher code = NOT_PATH_TEXT.matcher(condition);
            while (code.find()) {
                if (selector != null && !selector.equals(code.group(1))) {
                    throw new IllegalStateException("A code list test over two elements: " + condition);
                }
                selector = code.group(1);
                codes.add(code.group(2));
            }
            apply(selector, number.group(1), codes);
        }
    }

    private void apply(String selector, String number, List<String> codes) {
        List<String> previous = codeLists.putIfAbsent(number, List.copyOf(codes));
        if (previous != null && !previous.equals(codes)) {
            throw new IllegalStateException("Code list " + number + " has two different sets of codes");
        }
        boolean needsParent = selector.startsWith("/descendant::*/");
        String steps = selector.replaceFirst("^(/descendant::\\*)?//?", "/").replace("od:", "");
        int matched = 0;
        for (Map.Entry<String, ObjectNode> element : elements.entrySet()) {
            String path = element.getKey();
            if (path.endsWith(steps) && (!needsParent || path.length() > steps.length())) {
                element.getValue().put("codeList", number);
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalStateException("Code list " + number + " applies to " + selector + ", which is no element");
        }
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XS.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String localName) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(localName)).findFirst().orElse(null);
    }

    private static List<Element> descendants(Element root, String namespace, String localName) {
        List<Element> out = new ArrayList<>();
        var list = root.getElementsByTagNameNS(namespace, localName);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static Element first(List<Element> elements) {
        return elements.isEmpty() ? null : elements.get(0);
    }

    private static <T> T required(T value, String path) {
        if (value == null) {
            throw new IllegalStateException("Unsupported XSD construct at " + path);
        }
        return value;
    }

    private static Element resolve(Map<String, Element> declarations, String qualifiedName) {
        Element found = declarations.get(local(qualifiedName));
        if (found == null) {
            throw new IllegalStateException("The XSD does not declare " + qualifiedName);
        }
        return found;
    }

    private String name(Element particle) {
        return particle.hasAttribute("ref") ? resolve(globalElements, particle.getAttribute("ref")).getAttribute("name")
                : particle.getAttribute("name");
    }

    private static String local(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.indexOf(':') + 1);
    }

    private static int min(Element particle) {
        return particle.hasAttribute("minOccurs") ? Integer.parseInt(particle.getAttribute("minOccurs")) : 1;
    }

    private static int max(Element particle) {
        String max = particle.getAttribute("maxOccurs");
        return max.isEmpty() ? 1 : max.equals("unbounded") ? Integer.MAX_VALUE : Integer.parseInt(max);
    }

    private static int byNumber(String a, String b) {
        return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
    }
}
