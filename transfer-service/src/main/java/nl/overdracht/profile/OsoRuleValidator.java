package nl.overdracht.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.sf.saxon.s9api.BuildingContentHandler;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;
import net.sf.saxon.s9api.streams.Steps;
import org.xml.sax.ContentHandler;

/**
 * The OSO standard's own business-rule validation ({@code ValideerOverstapprofielen.xsl}, XSLT 2.0,
 * run by Saxon-HE), configured per version with {@code overdracht.profiles.oso.validation.<version>}.
 * The stylesheet is compiled once; each dossier gets a fresh transformer over the tree built from the
 * one parse. Its {@code melding}en become violations (type {@code Fout}) or warnings (any other
 * type), each with the rule's code, the stylesheet's own message and the element path where it
 * applies, without the index steps.
 */
public final class OsoRuleValidator {

    private static final Processor SAXON = new Processor(false);
    private static final Pattern LOCATION = Pattern.compile("(/[A-Za-z_][A-Za-z0-9_.-]*\\[\\d+\\])+");
    private static final String ERROR = "Fout";
    private static final String UNKNOWN_MESSAGE = "The dossier breaks a business rule of the OSO standard here.";

    private final XsltExecutable executable;
    private final OsoRuleCatalogue catalogue;

    private OsoRuleValidator(XsltExecutable executable, OsoRuleCatalogue catalogue) {
        this.executable = executable;
        this.catalogue = catalogue;
    }

    /**
     * Compiles the stylesheet at this path, with its includes.
     *
     * @throws IllegalArgumentException saying why, when it cannot be read or does not compile
     */
    public static OsoRuleValidator compile(Path stylesheet) {
        if (!Files.isRegularFile(stylesheet)) {
            throw new IllegalArgumentException("no stylesheet at " + stylesheet);
        }
        OsoRuleCatalogue catalogue = OsoRuleCatalogue.read(stylesheet);
        XsltCompiler compiler = SAXON.newXsltCompiler();
        List<String> errors = new ArrayList<>();
        compiler.setErrorReporter(error -> {
            if (!error.isWarning()) {
                errors.add(error.getMessage());
            }
        });
        try {
            XsltExecutable executable = compiler.compile(stylesheet.toFile());
            if (catalogue.size() == 0) {
                throw new IllegalArgumentException("the stylesheet at " + stylesheet + " gives no melding with a tekst");
            }
            return new OsoRuleValidator(executable, catalogue);
        } catch (SaxonApiException e) {
            throw new IllegalArgumentException("the stylesheet at " + stylesheet + " does not compile: "
                    + (errors.isEmpty() ? e.getMessage() : errors.get(0)), e);
        }
    }

    /** A run over one dossier: its handler builds the tree from the dossier's events. */
    Run start() {
        try {
            return new Run(SAXON.newDocumentBuilder().newBuildingContentHandler());
        } catch (SaxonApiException e) {
            throw new IllegalStateException("Saxon cannot build a document tree", e);
        }
    }

    /** One dossier's run. */
    final class Run {

        private final BuildingContentHandler builder;

        private Run(BuildingContentHandler builder) {
            this.builder = builder;
        }

        ContentHandler handler() {
            return builder;
        }

        /**
         * Runs the stylesheet over the tree and adds its errors to {@code violations}, its other
         * meldingen to {@code warnings}.
         *
         * @param elements the profile's elements: a location outside them is shortened to the nearest one
         */
        void finish(OsoElements elements, Violations violations, List<Violation> warnings) {
            XdmNode result;
            try {
                XsltTransformer transformer = executable.load();
                transformer.setInitialContextNode(builder.getDocumentNode());
                transformer.setMessageHandler(message -> {
                    // xsl:message output may quote the dossier; it is not passed on
                });
                transformer.setErrorReporter(error -> {
                    // dynamic errors end the run (below); warnings may quote the dossier
                });
                XdmDestination destination = new XdmDestination();
                transformer.setDestination(destination);
                transformer.transform();
                result = destination.getXdmNode();
            } catch (SaxonApiException e) {
                // e.g. a date the rules compute with is not a date: the value check names that element
                violations.add("/dossier", Violation.RULES_NOT_EVALUATED,
                        "The business rules of the OSO standard could not be evaluated on this dossier; "
                                + "the other errors say what is wrong with it.");
                return;
            }
            for (XdmNode melding : result.select(Steps.descendant("melding")).asList()) {
                String message = OsoRuleCatalogue.normalize(childText(melding, "tekst"));
                Optional<OsoRuleCatalogue.Rule> rule = catalogue.ruleOf(message);
                String path = pathOf(childText(melding, "locatie"), rule.flatMap(OsoRuleCatalogue.Rule::category), elements);
                Violation violation = new Violation(path, rule.map(OsoRuleCatalogue.Rule::code).orElse(OsoRuleCatalogue.UNNAMED),
                        rule.isPresent() ? message : UNKNOWN_MESSAGE);
                if (ERROR.equals(childText(melding, "type").strip())) {
                    violations.add(violation.path(), violation.code(), violation.reason());
                } else {
                    warnings.add(violation);
                }
            }
        }
    }

    /**
     * The element path of a {@code locatie} such as {@code /dossier[1]/huidigeschool[1]/leerling[1]}:
     * without the index steps, shortened to an element of the profile. A check on the whole document
     * is placed at the category it concerns, if it names one, else at {@code /dossier}.
     */
    static String pathOf(String location, Optional<String> category, OsoElements elements) {
        String stripped = location.strip();
        if (!LOCATION.matcher(stripped).matches()) {
            return category.map(c -> OsoDossierReader.CATEGORIES + "/" + c).filter(elements::declares).orElse("/dossier");
        }
        String path = stripped.replaceAll("\\[\\d+\\]", "");
        while (!elements.declares(path) && path.lastIndexOf('/') > 0) {
            path = path.substring(0, path.lastIndexOf('/'));
        }
        return elements.declares(path) ? path : "/dossier";
    }

    private static String childText(XdmNode node, String localName) {
        return node.select(Steps.child(localName)).findFirst().map(XdmNode::getStringValue).orElse("");
    }
}
