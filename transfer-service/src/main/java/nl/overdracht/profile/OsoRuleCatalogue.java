package nl.overdracht.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Comment;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The messages a business-rule stylesheet of the OSO standard can give, each with the code of its
 * rule. The stylesheet gives only a message and a location; the rule's code stands in the comment
 * before the check ({@code business rule OVa.LL02}, {@code OS.cat10 (cat_verzuim)}), or the message
 * names a code list ({@code codelijst 14}). Read once, from the stylesheet and its includes.
 *
 * <p>Only a message found literally in the stylesheet is ever passed on, so no value of a dossier
 * can travel in one.
 */
final class OsoRuleCatalogue {

    private static final String XSL = "http://www.w3.org/1999/XSL/Transform";
    private static final Pattern RULE = Pattern.compile("business rule ([A-Za-z]+\\.[\\w?]+)(?:\\s*\\((cat_\\w+)\\))?");
    /** 2018.1 names a category rule after its element ({@code OS.cat_verzuim}), 2019.1 beside it ({@code OS.cat10 (cat_verzuim)}). */
    private static final Pattern CATEGORY_IN_CODE = Pattern.compile("\\.(cat_\\w+)$");
    private static final Pattern CODE_LIST = Pattern.compile("codelijst (\\d+)");
    /** The code of a check whose stylesheet names no rule. */
    static final String UNNAMED = "OSO-validatie";

    /** A rule of the stylesheet: its code, and the category element it concerns, if it names one. */
    record Rule(String code, Optional<String> category) {
    }

    private final Map<String, Rule> byMessage;

    private OsoRuleCatalogue(Map<String, Rule> byMessage) {
        this.byMessage = Map.copyOf(byMessage);
    }

    /** The rule that gives this message; empty when the stylesheet holds no such literal message. */
    Optional<Rule> ruleOf(String message) {
        return Optional.ofNullable(byMessage.get(normalize(message)));
    }

    int size() {
        return byMessage.size();
    }

    /** Reads the stylesheet and every stylesheet it includes or imports. */
    static OsoRuleCatalogue read(Path stylesheet) {
        Map<String, Set<String>> codes = new HashMap<>();
        Map<String, String> categories = new HashMap<>();
        Deque<Path> files = new ArrayDeque<>();
        Set<Path> seen = new HashSet<>();
        files.push(stylesheet.toAbsolutePath().normalize());
        while (!files.isEmpty()) {
            Path file = files.pop();
            if (!seen.add(file)) {
                continue;
            }
            Element root = parse(file).getDocumentElement();
            for (String link : new String[] {"include", "import"}) {
                NodeList includes = root.getElementsByTagNameNS(XSL, link);
                for (int i = 0; i < includes.getLength(); i++) {
                    files.push(file.resolveSibling(((Element) includes.item(i)).getAttribute("href")).normalize());
                }
            }
            NodeList params = root.getElementsByTagNameNS(XSL, "with-param");
            for (int i = 0; i < params.getLength(); i++) {
                Element param = (Element) params.item(i);
                String message = normalize(param.getTextContent());
                if (!"tekst".equals(param.getAttribute("name")) || hasElementChild(param) || param.hasAttribute("select")
                        || message.isEmpty()) {
                    continue; // a computed message is never passed on: it could carry a value of the dossier
                }
                Set<String> ruleCodes = codes.computeIfAbsent(message, m -> new LinkedHashSet<>());
                describe(param, ruleCodes, categories, message);
            }
        }
        Map<String, Rule> byMessage = new HashMap<>();
        codes.forEach((message, found) -> byMessage.put(message, new Rule(code(message, found),
                Optional.ofNullable(categories.get(message)))));
        return new OsoRuleCatalogue(byMessage);
    }

    private static String code(String message, Set<String> found) {
        if (!found.isEmpty()) {
            return String.join("/", found);
        }
        Matcher list = CODE_LIST.matcher(message);
        return list.find() ? "codelijst-" + list.group(1) : UNNAMED;
    }

    /**
     * Finds the rule comment that stands before the check giving {@code message}: walking back over
     * its preceding siblings, then its ancestors' up to its template's own, the nearest comment naming a
     * rule, with the rule comments right before it that name the same category or none (one check
     * may serve two profiles: {@code OVa.MD01}, {@code OVb.MD01}). A comment of an agreement that
     * names no rule (a code list check) ends the search empty-handed.
     */
    private static void describe(Element param, Set<String> codes, Map<String, String> categories, String message) {
        for (Node node = param; node instanceof Element && !isStylesheet(node); node = node.getParentNode()) {
            for (Node sibling = node.getPreviousSibling(); sibling != null; sibling = sibling.getPreviousSibling()) {
                if (sibling instanceof Comment comment) {
                    if (RULE.matcher(comment.getData()).find()) {
                        collect(comment, codes, categories, message);
                        return;
                    }
                    if (comment.getData().contains("Afspraak")) {
                        return;
                    }
                }
            }
        }
    }

    private static void collect(Comment nearest, Set<String> codes, Map<String, String> categories, String message) {
        Deque<String> run = new ArrayDeque<>();
        String category = categoryOf(nearest.getData());
        run.push(codeOf(nearest.getData()));
        for (Node before = nearest.getPreviousSibling(); before != null; before = before.getPreviousSibling()) {
            if (before.getNodeType() == Node.TEXT_NODE && before.getNodeValue().isBlank()) {
                continue;
            }
            if (!(before instanceof Comment comment) || !RULE.matcher(comment.getData()).find()
                    || !java.util.Objects.equals(category, categoryOf(comment.getData()))) {
                break;
            }
            run.push(codeOf(comment.getData()));
        }
        codes.addAll(run);
        if (category != null) {
            categories.put(message, category);
        }
    }

    private static String codeOf(String comment) {
        Matcher rule = RULE.matcher(comment);
        return rule.find() ? rule.group(1) : UNNAMED;
    }

    private static String categoryOf(String comment) {
        Matcher rule = RULE.matcher(comment);
        if (!rule.find()) {
            return null;
        }
        if (rule.group(2) != null) {
            return rule.group(2);
        }
        Matcher inCode = CATEGORY_IN_CODE.matcher(rule.group(1));
        return inCode.find() ? inCode.group(1) : null;
    }

    private static boolean isStylesheet(Node node) {
        return node instanceof Element e && XSL.equals(e.getNamespaceURI())
                && (e.getLocalName().equals("stylesheet") || e.getLocalName().equals("transform"));
    }

    private static boolean hasElementChild(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }

    static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static org.w3c.dom.Document parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the stylesheet " + file + " does not exist");
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(SecureXml.THROWING);
            return builder.parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalArgumentException("the stylesheet " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
