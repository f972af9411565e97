package nl.overdracht.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;
import net.sf.saxon.s9api.streams.Steps;

/**
 * The standard's business-rule validation run on its own, as the chain runs it: Saxon-HE, the
 * stylesheet file, the dossier file, and the {@code meldingen} it writes. Nothing of the service.
 */
final class StandaloneValidation {

    /** One melding as the stylesheet writes it. */
    record Melding(String type, String location, String text) {

        boolean error() {
            return type.equals("Fout");
        }

        /** The location without its index steps; {@code /} for a check on the whole document. */
        String path() {
            String path = location.replaceAll("\\[\\d+\\]", "");
            return path.isEmpty() ? "/" : path;
        }
    }

    private static final Processor SAXON = new Processor(false);
    private static final Map<Path, XsltExecutable> COMPILED = new ConcurrentHashMap<>();

    private StandaloneValidation() {
    }

    static List<Melding> run(Path stylesheet, byte[] dossier) {
        try {
            XsltExecutable executable = COMPILED.computeIfAbsent(stylesheet, StandaloneValidation::compile);
            XsltTransformer transformer = executable.load();
            transformer.setSource(new StreamSource(new java.io.ByteArrayInputStream(dossier)));
            XdmDestination out = new XdmDestination();
            transformer.setDestination(out);
            transformer.transform();
            return out.getXdmNode().select(Steps.descendant("melding")).map(m -> new Melding(text(m, "type"),
                    text(m, "locatie"), text(m, "tekst").strip().replaceAll("\\s+", " "))).toList();
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static XsltExecutable compile(Path stylesheet) {
        try {
            return SAXON.newXsltCompiler().compile(stylesheet.toFile());
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(XdmNode node, String child) {
        return node.select(Steps.child(child)).findFirst().map(XdmNode::getStringValue).orElse("");
    }
}
