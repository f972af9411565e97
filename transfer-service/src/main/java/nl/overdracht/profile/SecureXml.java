package nl.overdracht.profile;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Hardened XML factories. DTDs and external entities are off; a DOCTYPE is refused outright by the
 * readers ({@link #refuseDtd}), so no entity, internal or external, is ever expanded.
 */
final class SecureXml {

    private SecureXml() {
    }

    static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("External resources are not resolved");
        });
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    static XMLStreamReader reader(XMLInputFactory factory, byte[] body) {
        try {
            return factory.createXMLStreamReader(new ByteArrayInputStream(body));
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    /** Refuses DTD and entity-reference events: the dossier formats have neither. */
    static void refuseDtd(int event) {
        if (event == XMLStreamConstants.DTD) {
            throw new MalformedDossierException("The dossier has a DOCTYPE; DTDs are not accepted.");
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new MalformedDossierException("The dossier uses an entity reference; entities are not accepted.");
        }
    }

    /**
     * An error handler that makes every error an exception and drops warnings: without one, the
     * JDK's parsers print {@code [Fatal Error]} lines (with the text at fault) to standard error.
     */
    static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // a warning never refuses a file; nothing is printed
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    static SchemaFactory schemaFactory() {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setErrorHandler(THROWING);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("The XML schema factory cannot be secured", e);
        }
        return factory;
    }

    /** A malformed-dossier error with the position only: parser messages may quote content. */
    static MalformedDossierException malformed(XMLStreamException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNumber() + ", column "
                + e.getLocation().getColumnNumber() + ")";
        return new MalformedDossierException("The dossier is not well-formed XML" + where + ".");
    }

    private static void trySet(XMLInputFactory factory, String property, Object value) {
        try {
            factory.setProperty(property, value);
        } catch (IllegalArgumentException unsupported) {
            // not every StAX implementation knows the JAXP property; DTDs are off regardless
        }
    }
}
