package nl.overdracht.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLStreamReader;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Replays the events of the one StAX pass over a dossier as SAX events to the official checks (the
 * XSD validator, the tree the business-rule XSLT runs on), so the dossier is parsed once whatever
 * is configured. Keeps the element path of the event being replayed, for the validator to name.
 */
final class StaxToSax {

    private final List<ContentHandler> handlers = new ArrayList<>();
    private final Deque<String> path = new ArrayDeque<>();
    private final AttributesImpl attributes = new AttributesImpl();

    /** Adds a receiver of the events; all are added before the first event. */
    void attach(ContentHandler handler) {
        handlers.add(handler);
    }

    /** The path of the element whose event is being replayed, or {@code /} outside the root. */
    String path() {
        return path.isEmpty() ? "/" : path.peek();
    }

    void startDocument() {
        for (ContentHandler h : handlers) {
            call(h::startDocument);
        }
    }

    void endDocument() {
        for (ContentHandler h : handlers) {
            call(h::endDocument);
        }
    }

    void start(XMLStreamReader xml) {
        path.push((path.isEmpty() ? "" : path.peek()) + "/" + xml.getLocalName());
        attributes.clear();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String local = xml.getAttributeLocalName(i);
            attributes.addAttribute(orEmpty(xml.getAttributeNamespace(i)), local, qName(xml.getAttributePrefix(i), local),
                    "CDATA", xml.getAttributeValue(i));
        }
        String qName = qName(xml.getPrefix(), xml.getLocalName());
        for (ContentHandler h : handlers) {
            for (int i = 0; i < xml.getNamespaceCount(); i++) {
                String prefix = orEmpty(xml.getNamespacePrefix(i));
                String uri = orEmpty(xml.getNamespaceURI(i));
                call(() -> h.startPrefixMapping(prefix, uri));
            }
            call(() -> h.startElement(orEmpty(xml.getNamespaceURI()), xml.getLocalName(), qName, attributes));
        }
    }

    void end(XMLStreamReader xml) {
        String qName = qName(xml.getPrefix(), xml.getLocalName());
        for (ContentHandler h : handlers) {
            call(() -> h.endElement(orEmpty(xml.getNamespaceURI()), xml.getLocalName(), qName));
            for (int i = 0; i < xml.getNamespaceCount(); i++) {
                String prefix = orEmpty(xml.getNamespacePrefix(i));
                call(() -> h.endPrefixMapping(prefix));
            }
        }
        path.pop();
    }

    void text(XMLStreamReader xml) {
        char[] chars = xml.getTextCharacters();
        int start = xml.getTextStart();
        int length = xml.getTextLength();
        for (ContentHandler h : handlers) {
            call(() -> h.characters(chars, start, length));
        }
    }

    /** Comments split text nodes for the XSLT as they would in its own parse. */
    void comment(XMLStreamReader xml) {
        char[] chars = xml.getTextCharacters();
        int start = xml.getTextStart();
        int length = xml.getTextLength();
        for (ContentHandler h : handlers) {
            if (h instanceof LexicalHandler lexical) {
                call(() -> lexical.comment(chars, start, length));
            }
        }
    }

    void processingInstruction(XMLStreamReader xml) {
        for (ContentHandler h : handlers) {
            call(() -> h.processingInstruction(xml.getPITarget(), orEmpty(xml.getPIData())));
        }
    }

    private interface SaxCall {
        void run() throws SAXException;
    }

    private static void call(SaxCall call) {
        try {
            call.run();
        } catch (SAXException e) {
            // the handlers record problems instead of throwing; this is a fault of the handler itself
            throw new IllegalStateException("An official check could not take the dossier's events", e);
        }
    }

    private static String qName(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
