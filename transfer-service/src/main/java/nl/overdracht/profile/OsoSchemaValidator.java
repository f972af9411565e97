package nl.overdracht.profile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates a dossier against the official OSO gegevensset XSD, when one is configured
 * ({@code overdracht.profiles.oso.xsd-path}). Only positions are reported: the validator's own
 * messages quote element content and never leave this class.
 */
public final class OsoSchemaValidator {

    private static final int MAX_REPORTED = 10;

    private final Schema schema;

    private OsoSchemaValidator(Schema schema) {
        this.schema = schema;
    }

    /** Compiles the XSD at this path; fails if it cannot be read. */
    public static OsoSchemaValidator fromFile(Path xsd) {
        try {
            return new OsoSchemaValidator(SecureXml.schemaFactory().newSchema(xsd.toFile()));
        } catch (SAXException e) {
            throw new IllegalStateException("The OSO XSD at the configured path cannot be compiled", e);
        }
    }

    /** Adds an {@code xsd-invalid} violation per schema error, up to a few. The body must be DTD-free. */
    void validate(byte[] body, Violations violations) {
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("The XML validator cannot be secured", e);
        }
        int[] reported = {0};
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make a dossier invalid
            }

            @Override
            public void error(SAXParseException e) {
                if (reported[0]++ < MAX_REPORTED) {
                    violations.add("/dossier", Violation.XSD_INVALID, "The dossier does not conform to the OSO XSD (line "
                            + e.getLineNumber() + ", column " + e.getColumnNumber() + ").");
                }
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        try {
            validator.validate(new StreamSource(new ByteArrayInputStream(body)));
        } catch (SAXParseException e) {
            violations.add("/dossier", Violation.XSD_INVALID, "The dossier does not conform to the OSO XSD (line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + ").");
        } catch (SAXException e) {
            violations.add("/dossier", Violation.XSD_INVALID, "The dossier does not conform to the OSO XSD.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
