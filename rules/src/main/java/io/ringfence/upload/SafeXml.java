package io.ringfence.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The check an uploaded XML document (DMN, PMML) passes before an engine parses it: a size limit before any
 * parsing, then one streaming pass of the JDK's own SAX parser with DOCTYPE declarations refused (so no
 * external entity, external DTD, parameter entity or entity expansion is ever read: a billion-laughs file
 * fails at its second line), XInclude off, and limits on nesting depth, element count and attributes per
 * element. An {@link Inspector} adds the rules of one format (for example "no Java functions in DMN").
 *
 * <p>The JDK parser is asked for by name ({@code newDefaultInstance}) so that another parser on the
 * classpath, which might ignore these settings, is never picked up. Refusals are values; messages name the
 * line and the rule broken and never quote what an entity would have read.
 */
public final class SafeXml {
    private static final String DOCTYPE_FEATURE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String JDK_MAX_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private SafeXml() {
    }

    /**
     * The limits for one kind of document.
     *
     * @param kind         how messages name the document ("DMN file")
     * @param maxBytes     the largest file accepted, checked before parsing
     * @param maxDepth     the deepest element nesting accepted
     * @param maxElements  the most elements accepted: bounds what the engine's object model will hold
     * @param maxAttributes the most attributes one element may carry
     */
    public record Limits(String kind, int maxBytes, int maxDepth, int maxElements, int maxAttributes) {
        public Limits {
            if (maxBytes <= 0 || maxDepth <= 0 || maxElements <= 0 || maxAttributes <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    /** Why a document was refused. */
    public record Refusal(UploadRejection.Reason reason, String message) {
    }

    /** The rules of one format, applied while the document streams past; each returns a reason or null. */
    public interface Inspector {
        /** @param parent the local name of the enclosing element, or null for the root */
        default String element(String uri, String localName, String parent, Attributes attributes) {
            return null;
        }

        /** The element's own text (not its children's), when it ends. */
        default String text(String uri, String localName, String parent, String text) {
            return null;
        }
    }

    private static final Inspector NONE = new Inspector() {
    };

    public static Optional<Refusal> check(byte[] xml, Limits limits) {
        return check(xml, limits, NONE);
    }

    /** @return empty when the document may go to its engine */
    public static Optional<Refusal> check(byte[] xml, Limits limits, Inspector inspector) {
        if (xml == null || xml.length == 0) {
            return Optional.of(new Refusal(UploadRejection.Reason.INVALID, "the " + limits.kind() + " is empty"));
        }
        if (xml.length > limits.maxBytes()) {
            return Optional.of(new Refusal(UploadRejection.Reason.TOO_LARGE, "the " + limits.kind() + " is "
                    + xml.length + " bytes; at most " + limits.maxBytes() + " bytes (" + mebibytes(limits.maxBytes())
                    + ") are accepted"));
        }
        Walker walker = new Walker(limits, inspector);
        try {
            XMLReader reader = reader(limits);
            reader.setContentHandler(walker);
            reader.setErrorHandler(walker);
            reader.parse(new InputSource(new ByteArrayInputStream(xml)));
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(refused.refusal);
        } catch (SAXParseException e) {
            return Optional.of(describe(e, limits));
        } catch (SAXException e) {
            return Optional.of(new Refusal(UploadRejection.Reason.INVALID, "the " + limits.kind()
                    + " is not readable XML: " + e.getMessage()));
        } catch (java.io.UnsupportedEncodingException | java.io.CharConversionException e) {
            // The bytes are the uploader's: a declared encoding the JDK lacks, or bytes that do not fit the declared
            // one, is a bad upload, not a fault of the service.
            return Optional.of(new Refusal(UploadRejection.Reason.INVALID, "the " + limits.kind()
                    + " cannot be read in the encoding it declares (" + e.getMessage() + "); use UTF-8"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory document failed", e);
        }
    }

    private static XMLReader reader(Limits limits) {
        // One past the limit, so that the walker, not the parser, reports the depth in our words.
        return hardenedReader(limits.maxDepth() + 1);
    }

    /**
     * A namespace-aware SAX reader that refuses DTDs and external entities and stops below
     * {@code maxDepth} nested elements (the JDK parser's own limit; other parsers rely on a size limit).
     * For readers that parse a document {@link #check} has already passed, such as a DMN being rewritten.
     */
    public static XMLReader hardenedReader(int maxDepth) {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DOCTYPE_FEATURE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            try {
                parser.setProperty(JDK_MAX_DEPTH, maxDepth);
            } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
                // the walker still counts depth
            }
            XMLReader reader = parser.getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused");
            });
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot be hardened", e);
        }
    }

    private static Refusal describe(SAXParseException e, Limits limits) {
        String where = "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": ";
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE is disallowed")) {
            return new Refusal(UploadRejection.Reason.NOT_ALLOWED, where + "the " + limits.kind() + " has a DOCTYPE "
                    + "declaration; DTDs and entities are refused (an entity can read files or URLs from the server or "
                    + "expand without bound)");
        }
        if (message.contains("external entity refused")) {
            return new Refusal(UploadRejection.Reason.NOT_ALLOWED, where + "the " + limits.kind()
                    + " refers to an external entity; refused");
        }
        if (message.contains("maxElementDepth")) {
            return new Refusal(UploadRejection.Reason.NOT_ALLOWED, where + "elements are nested more than "
                    + limits.maxDepth() + " deep; refused");
        }
        return new Refusal(UploadRejection.Reason.INVALID, where + "the " + limits.kind()
                + " is not well-formed XML: " + message);
    }

    private static String mebibytes(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }

    /** Stops the parse with a refusal. */
    private static final class Refused extends SAXException {
        private static final long serialVersionUID = 1L;
        private final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.message());
            this.refusal = refusal;
        }
    }

    private static final class Walker extends DefaultHandler {
        private final Limits limits;
        private final Inspector inspector;
        private final Deque<String> names = new ArrayDeque<>();
        private final Deque<StringBuilder> texts = new ArrayDeque<>();
        private Locator locator;
        private int elements;

        Walker(Limits limits, Inspector inspector) {
            this.limits = limits;
            this.inspector = inspector;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        private Refused refuse(UploadRejection.Reason reason, String message) {
            String where = locator == null ? "" : "line " + locator.getLineNumber() + ", column "
                    + locator.getColumnNumber() + ": ";
            return new Refused(new Refusal(reason, where + message));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (++elements > limits.maxElements()) {
                throw refuse(UploadRejection.Reason.TOO_LARGE, "the " + limits.kind() + " has more than "
                        + limits.maxElements() + " elements; refused");
            }
            if (names.size() >= limits.maxDepth()) {
                throw refuse(UploadRejection.Reason.NOT_ALLOWED, "elements are nested more than " + limits.maxDepth()
                        + " deep; refused");
            }
            if (attributes.getLength() > limits.maxAttributes()) {
                throw refuse(UploadRejection.Reason.NOT_ALLOWED, "element <" + localName + "> has "
                        + attributes.getLength() + " attributes; at most " + limits.maxAttributes() + " are accepted");
            }
            String problem = inspector.element(uri, localName, names.peek(), attributes);
            if (problem != null) {
                throw refuse(UploadRejection.Reason.NOT_ALLOWED, problem);
            }
            names.push(localName);
            texts.push(new StringBuilder());
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!texts.isEmpty()) {
                texts.peek().append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            names.pop();
            String problem = inspector.text(uri, localName, names.peek(), texts.pop().toString());
            if (problem != null) {
                throw refuse(UploadRejection.Reason.NOT_ALLOWED, problem);
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
