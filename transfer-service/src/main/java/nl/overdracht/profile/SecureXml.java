package nl.overdracht.profile;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

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

    static SchemaFactory schemaFactory() {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
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
