package io.ringfence.decision.dmn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXTransformerFactory;
import javax.xml.transform.sax.TransformerHandler;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import io.ringfence.upload.SafeXml;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The second pass over an upload: parse, rewrite (DMN 1.6 only), validate against the XSD of the version the
 * engine reads, and serialise the rewritten document, all in one stream so that validation messages carry the
 * uploaded file's lines.
 */
final class DmnSchemaValidation {

    /**
     * A DMN 1.6 upload rewritten to DMN 1.5.
     *
     * @param dmn the DMN 1.5 document; meaningless unless {@code problems} is empty
     */
    record Converted(byte[] dmn, SchemaProblems problems, int elementsRenamed, int feelValuesRewritten) {
    }

    private DmnSchemaValidation() {
    }

    /** The upload, as it is, against the schema of its version; empty problems when it is valid. */
    static SchemaProblems validate(byte[] uploaded, DmnVersion version) {
        SchemaProblems problems = new SchemaProblems();
        try {
            run(uploaded, DmnSchemas.of(version), problems, null, false);
        } catch (SAXParseException e) {
            problems.fatal(e);
        } catch (SAXException e) {
            problems.add("the file is not readable XML: " + e.getMessage());
        }
        return problems;
    }

    /** A DMN 1.6 upload rewritten to DMN 1.5 and validated, as rewritten, against the DMN 1.5 schema. */
    static Converted convertTo15(byte[] uploaded) {
        SchemaProblems problems = new SchemaProblems();
        ByteArrayOutputStream out = new ByteArrayOutputStream(uploaded.length + 256);
        DmnVersionRewriter rewriter = null;
        try {
            rewriter = run(uploaded, DmnSchemas.of(DmnVersion.DMN_1_5), problems, out, true);
        } catch (SAXParseException e) {
            problems.fatal(e);
        } catch (SAXException e) {
            problems.add("the file is not readable XML: " + e.getMessage());
        }
        return rewriter == null ? new Converted(out.toByteArray(), problems, 0, 0)
                : new Converted(out.toByteArray(), problems, rewriter.elementsRenamed(), rewriter.feelValuesRewritten());
    }

    /** Serialises to {@code out} when it is not null. */
    private static DmnVersionRewriter run(byte[] uploaded, Schema schema, SchemaProblems problems,
                                          ByteArrayOutputStream out, boolean rewrite) throws SAXException {
        XMLReader reader = SafeXml.hardenedReader(DmnSafety.MAX_DEPTH);
        ValidatorHandler validator = schema.newValidatorHandler();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        DmnVersionRewriter rewriter = new DmnVersionRewriter(reader, rewrite);
        validator.setErrorHandler(problems);
        rewriter.setErrorHandler(problems);
        problems.context(rewriter);
        // The serialiser is fed beside the validator, not behind it: a validator passes on schema defaults
        // (isCollection="false" and the like) that the upload did not have.
        if (out != null) {
            TransformerHandler serializer = serializer(out);
            rewriter.setContentHandler(new Tee(validator, serializer));
            rewriter.lexicalHandler(serializer);
        } else {
            rewriter.setContentHandler(validator);
        }
        try {
            rewriter.parse(new InputSource(new ByteArrayInputStream(uploaded)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rewriter;
    }

    private static TransformerHandler serializer(ByteArrayOutputStream out) {
        try {
            SAXTransformerFactory factory = (SAXTransformerFactory) TransformerFactory.newDefaultInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            TransformerHandler handler = factory.newTransformerHandler();
            handler.getTransformer().setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            handler.getTransformer().setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            handler.getTransformer().setOutputProperty(OutputKeys.INDENT, "no");
            // Our own declaration, on a line of its own as the editor writes it, so lines stay where they were.
            out.writeBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
            handler.setResult(new StreamResult(out));
            return handler;
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK's XML serialiser is not available", e);
        }
    }

    /** Sends every content event to the validator, then to the serialiser. */
    private record Tee(ContentHandler first, ContentHandler second) implements ContentHandler {
        @Override
        public void setDocumentLocator(Locator locator) {
            first.setDocumentLocator(locator);
            second.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            first.startDocument();
            second.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            first.endDocument();
            second.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            first.startPrefixMapping(prefix, uri);
            second.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            first.endPrefixMapping(prefix);
            second.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            first.startElement(uri, localName, qName, atts);
            second.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            first.endElement(uri, localName, qName);
            second.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            first.characters(ch, start, length);
            second.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            first.ignorableWhitespace(ch, start, length);
            second.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            first.processingInstruction(target, data);
            second.processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            first.skippedEntity(name);
            second.skippedEntity(name);
        }
    }
}
