package org.bulletin.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses RSS 2.0 (and RSS 1.0) and Atom feeds into entries. The XML parser refuses any DOCTYPE, so external entities
 * (XXE) and entity expansion (billion laughs) fail at once with a clear error instead of reading files or memory.
 */
final class FeedParser {

    /** One feed entry; any field may be null except that an entry has a link or content. */
    record Entry(String id, String title, String link, String published, String content) {}

    /** A feed that cannot be read; the message says why. */
    static final class FeedException extends Exception {
        FeedException(String message) {
            super(message);
        }
    }

    private FeedParser() {}

    static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    static List<Entry> parse(byte[] xml) throws FeedException {
        org.w3c.dom.Document doc;
        try {
            DocumentBuilder b = secureFactory().newDocumentBuilder();
            b.setErrorHandler(
                    new ErrorHandler() { // the default handler prints "[Fatal Error]" to stderr
                        @Override
                        public void warning(SAXParseException e) {}

                        @Override
                        public void error(SAXParseException e) throws SAXException {
                            throw e;
                        }

                        @Override
                        public void fatalError(SAXParseException e) throws SAXException {
                            throw e;
                        }
                    });
            doc = b.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("DOCTYPE")) {
                throw new FeedException("feed rejected: DOCTYPE declarations are not allowed (guards against XXE "
                        + "and entity expansion)");
            }
            throw new FeedException(
                    "malformed feed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + msg);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new FeedException("malformed feed XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        String name = root.getLocalName() == null ? root.getNodeName() : root.getLocalName();
        List<Entry> entries = new ArrayList<>();
        switch (name) {
            case "rss" -> {
                Element channel = child(root, "channel");
                if (channel == null) {
                    throw new FeedException("RSS feed without <channel>");
                }
                for (Element item : children(channel, "item")) {
                    entries.add(rssItem(item));
                }
            }
            case "RDF" -> {
                for (Element item : children(root, "item")) {
                    entries.add(rssItem(item));
                }
            }
            case "feed" -> {
                for (Element e : children(root, "entry")) {
                    entries.add(atomEntry(e));
                }
            }
            default -> throw new FeedException("not an RSS or Atom feed (root element <" + name + ">)");
        }
        return entries;
    }

    private static Entry rssItem(Element item) {
        String link = text(item, "link");
        String guid = text(item, "guid");
        if (link == null && guid != null && guid.startsWith("http")) {
            link = guid;
        }
        String content = text(item, "encoded"); // content:encoded
        if (content == null) {
            content = text(item, "description");
        }
        String published = text(item, "pubDate");
        if (published == null) {
            published = text(item, "date"); // dc:date
        }
        return new Entry(guid != null ? guid : link, text(item, "title"), link, published, content);
    }

    private static Entry atomEntry(Element entry) {
        String link = null;
        for (Element l : children(entry, "link")) {
            String rel = l.getAttribute("rel");
            if (rel.isEmpty() || rel.equals("alternate")) {
                link = l.getAttribute("href");
                break;
            }
        }
        String content = text(entry, "content");
        if (content == null) {
            content = text(entry, "summary");
        }
        String published = text(entry, "published");
        if (published == null) {
            published = text(entry, "updated");
        }
        return new Entry(
                text(entry, "id"),
                text(entry, "title"),
                link == null || link.isEmpty() ? null : link,
                published,
                content);
    }

    private static Element child(Element parent, String localName) {
        List<Element> c = children(parent, localName);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e) {
                String ln = e.getLocalName() == null ? e.getNodeName() : e.getLocalName();
                if (ln.equals(localName)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().strip();
        return t.isEmpty() ? null : t;
    }
}
