package nl.overdracht.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates dossiers against an official OSO gegevensset XSD ({@code overdracht.profiles.oso.xsd.<version>}),
 * compiled once. Each error is named by the path of the element it concerns and the XSD rule it
 * breaks ({@code cvc-datatype-valid.1.2.1}); the validator's own messages quote element content and
 * never leave this class.
 */
public final class OsoSchemaValidator {

    private static final int MAX_REPORTED = 20;
    private static final Pattern RULE = Pattern.compile("^(cvc-[A-Za-z0-9.-]+):");

    private final Schema schema;

    private OsoSchemaValidator(Schema schema) {
        this.schema = schema;
    }

    /**
     * Compiles the XSD at this path.
     *
     * @throws IllegalArgumentException saying why, when it cannot be read or does not compile
     */
    public static OsoSchemaValidator compile(Path xsd) {
        try {
            return new OsoSchemaValidator(SecureXml.schemaFactory().newSchema(xsd.toFile()));
        } catch (SAXException e) {
            throw new IllegalArgumentException("the XSD at " + xsd + " does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * A validation of one dossier: its handler takes the dossier's SAX events; each error is noted at
     * the path {@code currentPath} gives when the validator reports it.
     */
    Run start(Supplier<String> currentPath) {
        ValidatorHandler handler = schema.newValidatorHandler();
        try {
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("The XML validator cannot be secured", e);
        }
        Run run = new Run(handler, currentPath);
        handler.setErrorHandler(run);
        return run;
    }

    /** One dossier's validation; errors are recorded, never thrown. */
    static final class Run implements ErrorHandler {

        final ValidatorHandler handler;
        private final Supplier<String> currentPath;
        private final List<Violation> found = new ArrayList<>();

        private Run(ValidatorHandler handler, Supplier<String> currentPath) {
            this.handler = handler;
            this.currentPath = currentPath;
        }

        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a dossier invalid
        }

        @Override
        public void error(SAXParseException e) {
            note(e);
        }

        @Override
        public void fatalError(SAXParseException e) {
            note(e);
        }

        private void note(SAXParseException e) {
            if (found.size() >= MAX_REPORTED) {
                return;
            }
            Matcher rule = RULE.matcher(e.getMessage() == null ? "" : e.getMessage());
            found.add(new Violation(currentPath.get(), Violation.XSD_INVALID, "The element does not conform to the OSO XSD"
                    + (rule.find() ? " (" + rule.group(1) + ")." : ".")));
        }

        /** The errors, each at the path of the element it concerns. */
        List<Violation> violations() {
            return List.copyOf(found);
        }
    }
}
