package io.ringfence.decision.dmn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXTransformerFactory;
import javax.xml.transform.sax.TransformerHandler;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.ls.LSInput;
import io.ringfence.upload.SafeXml;
import io.ringfence.upload.UploadRejection;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The gate an uploaded DMN file passes before the engine sees it.
 *
 * <p>Apache KIE 10.1 reads DMN 1.1 to 1.5; the KIE DMN editor 10.2 that analysts use writes DMN 1.6. An upload
 * is checked in this order: size (before any parsing), well-formed XML with DTDs and entities refused and depth,
 * element count and attributes bounded ({@link SafeXml}), root
 * element {@code definitions} in a DMN 1.1–1.6 model namespace, then validation against the XSD of the version
 * the engine will read. DMN 1.1–1.5 is returned byte for byte as uploaded. DMN 1.6 is rewritten to DMN 1.5: the
 * model and FEEL namespaces (as element names, namespace declarations and {@code expressionLanguage} /
 * {@code typeLanguage} values) move from 20240513 to 20230324; DMNDI, DC and DI namespaces are the same in both
 * versions, and vendor extensions (the editor's {@code kie} namespace) are left alone. The rewritten document is
 * then validated against the DMN 1.5 XSD shipped with KIE, so a DMN 1.6 construct that has no DMN 1.5 form (the
 * only one in the schema is {@code functionDefinition kind="ONNX"}) is rejected, with the line, column and
 * element, instead of being dropped.
 *
 * <p>Rejections are values ({@link Rejected}); an exception means a bug or a broken classpath. Instances are
 * immutable and thread-safe.
 */
public final class DmnUpload {

    /** The largest upload accepted unless the constructor says otherwise: 2 MiB. */
    public static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

    static final String FEEL_1_5 = "https://www.omg.org/spec/DMN/20230324/FEEL/";
    static final String FEEL_1_6 = "https://www.omg.org/spec/DMN/20240513/FEEL/";
    static final String DMNDI_1_5 = "https://www.omg.org/spec/DMN/20230324/DMNDI/";
    /** DMN 1.6 kept the DMN 1.5 DMNDI namespace; a tool that writes this one anyway is mapped too. */
    static final String DMNDI_1_6 = "https://www.omg.org/spec/DMN/20240513/DMNDI/";

    private static final int MAX_MESSAGES = 25;
    private static final Map<DmnVersion, Schema> SCHEMAS = new EnumMap<>(DmnVersion.class);

    private final int maxBytes;

    public DmnUpload() {
        this(DEFAULT_MAX_BYTES);
    }

    public DmnUpload(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The result of {@link #prepare}: the engine-ready model, or why there is none. */
    public sealed interface Result permits Accepted, Rejected {
        boolean accepted();
    }

    /**
     * The model as the engine (KIE 10.1) reads it.
     *
     * @param dmn             DMN 1.1–1.5 XML in UTF-8 or the encoding its declaration names; the upload itself unless
     *                        it was DMN 1.6
     * @param uploadedVersion the version the upload was written in
     * @param notes           what was changed, one line each; empty when nothing was
     */
    public record Accepted(byte[] dmn, DmnVersion uploadedVersion, List<String> notes) implements Result {
        public Accepted {
            dmn = dmn.clone();
            notes = List.copyOf(notes);
        }

        @Override
        public byte[] dmn() {
            return dmn.clone();
        }

        /** The version the engine reads: the uploaded one, or 1.5 for a converted 1.6 upload. */
        public DmnVersion engineVersion() {
            return converted() ? DmnVersion.DMN_1_5 : uploadedVersion;
        }

        public boolean converted() {
            return uploadedVersion == DmnVersion.DMN_1_6;
        }

        @Override
        public boolean accepted() {
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Accepted other && Arrays.equals(dmn, other.dmn)
                    && uploadedVersion == other.uploadedVersion && notes.equals(other.notes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(dmn), uploadedVersion, notes);
        }

        @Override
        public String toString() {
            return "Accepted[" + uploadedVersion + (converted() ? " -> " + engineVersion() : "") + ", " + dmn.length
                    + " bytes, notes=" + notes + "]";
        }
    }

    /**
     * The upload is refused; {@code messages} says why, each with a line and column where there is one, and
     * {@code reason} how an API should answer (too large, not allowed, invalid).
     */
    public record Rejected(UploadRejection.Reason reason, List<String> messages) implements Result {
        public Rejected {
            messages = List.copyOf(messages);
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
        }

        /** A file that is safe to read but not a model the engine can take. */
        public Rejected(List<String> messages) {
            this(UploadRejection.Reason.INVALID, messages);
        }

        @Override
        public boolean accepted() {
            return false;
        }
    }

    /**
     * Checks an uploaded DMN file and returns what the engine should load.
     *
     * @param uploaded the file's bytes as received
     * @return {@link Accepted} with DMN 1.1–1.5 bytes, or {@link Rejected} with the reasons
     */
    public Result prepare(byte[] uploaded) {
        Objects.requireNonNull(uploaded, "uploaded");
        // Size first, then one hardened pass: no DTD, bounded depth, elements and attributes.
        Optional<SafeXml.Refusal> unsafe = SafeXml.check(uploaded, DmnSafety.limits(maxBytes));
        if (unsafe.isPresent()) {
            return new Rejected(unsafe.get().reason(), List.of(unsafe.get().message()));
        }

        // Pass 1: as far as the root element, to learn the version (and refuse DTDs, non-XML, wrong roots early).
        RootProbe probe = new RootProbe();
        try {
            XMLReader reader = SafeXml.hardenedReader(DmnSafety.MAX_DEPTH);
            reader.setContentHandler(probe);
            reader.setErrorHandler(probe);
            reader.parse(source(uploaded));
        } catch (RootSeen seen) {
            // expected: the probe stops the parse at the root element
        } catch (SAXParseException e) {
            return reject(describeParseError(e));
        } catch (SAXException e) {
            return reject("the file is not readable XML: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (probe.rootProblem != null) {
            return reject(probe.rootProblem);
        }
        if (probe.version == null) {
            return reject("the file has no root element");
        }
        DmnVersion version = probe.version;
        return version == DmnVersion.DMN_1_6 ? convert16(uploaded) : validateAsIs(uploaded, version);
    }

    private Result validateAsIs(byte[] uploaded, DmnVersion version) {
        Problems problems = new Problems();
        try {
            run(uploaded, schema(version), problems, null, false);
        } catch (SAXParseException e) {
            problems.fatal(e);
        } catch (SAXException e) {
            problems.add("the file is not readable XML: " + e.getMessage());
        }
        if (!problems.list.isEmpty()) {
            return rejectInvalid("the " + version + " model is not valid against the " + version + " schema", problems);
        }
        return new Accepted(uploaded, version, List.of());
    }

    private Result convert16(byte[] uploaded) {
        Problems problems = new Problems();
        ByteArrayOutputStream out = new ByteArrayOutputStream(uploaded.length + 256);
        Rewriter rewriter;
        try {
            rewriter = run(uploaded, schema(DmnVersion.DMN_1_5), problems, out, true);
        } catch (SAXParseException e) {
            problems.fatal(e);
            rewriter = null;
        } catch (SAXException e) {
            problems.add("the file is not readable XML: " + e.getMessage());
            rewriter = null;
        }
        if (!problems.list.isEmpty()) {
            return rejectInvalid("the DMN 1.6 model does not convert to valid DMN 1.5, the version the engine "
                    + "(KIE 10.1) reads", problems);
        }
        List<String> notes = new ArrayList<>();
        notes.add("converted from DMN 1.6 to DMN 1.5: " + rewriter.elementsRenamed + " element(s) moved to the DMN 1.5 "
                + "model namespace");
        if (rewriter.feelValuesRewritten > 0) {
            notes.add(rewriter.feelValuesRewritten + " expressionLanguage/typeLanguage value(s) moved to the DMN 1.5 "
                    + "FEEL namespace");
        }
        return new Accepted(out.toByteArray(), DmnVersion.DMN_1_6, notes);
    }

    /**
     * Pass 2: parse, rewrite (when {@code rewrite}), validate, and serialise to {@code out} (when not null), all
     * streaming so that validation messages carry the uploaded file's lines.
     */
    private Rewriter run(byte[] uploaded, Schema schema, Problems problems, ByteArrayOutputStream out, boolean rewrite)
            throws SAXException {
        XMLReader reader = SafeXml.hardenedReader(DmnSafety.MAX_DEPTH);
        ValidatorHandler validator = schema.newValidatorHandler();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        Rewriter rewriter = new Rewriter(reader, rewrite);
        validator.setErrorHandler(problems);
        rewriter.setErrorHandler(problems);
        problems.context = rewriter;
        // The serialiser is fed beside the validator, not behind it: a validator passes on schema defaults
        // (isCollection="false" and the like) that the upload did not have.
        if (out != null) {
            TransformerHandler serializer = serializer(out);
            rewriter.setContentHandler(new Tee(validator, serializer));
            rewriter.lexical = serializer;
        } else {
            rewriter.setContentHandler(validator);
        }
        try {
            rewriter.parse(source(uploaded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rewriter;
    }

    /**
     * {@code DmnUpload IN.dmn OUT.dmn}: what an upload of IN would give the engine, written to OUT (exit 0), or the
     * rejection on standard error (exit 1). Used to regenerate the editor fixtures (see decision-models/editor).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DmnUpload IN.dmn OUT.dmn");
            System.exit(2);
        }
        Result result = new DmnUpload().prepare(Files.readAllBytes(Path.of(args[0])));
        if (result instanceof Accepted accepted) {
            Files.write(Path.of(args[1]), accepted.dmn());
            System.err.println(args[0] + ": " + accepted.uploadedVersion() + " accepted" + (accepted.converted()
                    ? ", converted to " + accepted.engineVersion() : "") + "; " + String.join("; ", accepted.notes()));
        } else {
            System.err.println(args[0] + ": rejected");
            ((Rejected) result).messages().forEach(m -> System.err.println("  " + m));
            System.exit(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // XML plumbing

    private static InputSource source(byte[] bytes) {
        return new InputSource(new ByteArrayInputStream(bytes));
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

    /** The XSD of a version, compiled once; imports are read from the classpath only. */
    static Schema schema(DmnVersion version) {
        synchronized (SCHEMAS) {
            Schema schema = SCHEMAS.get(version);
            if (schema == null) {
                schema = compileSchema(version);
                SCHEMAS.put(version, schema);
            }
            return schema;
        }
    }

    private static Schema compileSchema(DmnVersion version) {
        String resource = version.schemaResource();
        if (resource == null) {
            throw new IllegalArgumentException("no schema shipped for " + version);
        }
        String folder = resource.substring(0, resource.lastIndexOf('/') + 1);
        ClassLoader loader = DmnUpload.class.getClassLoader();
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the classpath (org.kie:kie-dmn-xsd-resources)");
        }
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver((type, namespaceURI, publicId, systemId, baseURI) -> {
                if (systemId == null) {
                    return null;
                }
                String name = systemId.substring(systemId.lastIndexOf('/') + 1);
                InputStream in = loader.getResourceAsStream(folder + name);
                if (in == null) {
                    throw new IllegalStateException("schema import " + systemId + " is not on the classpath");
                }
                return new ClasspathInput(publicId, folder + name, baseURI, in);
            });
            try (InputStream in = url.openStream()) {
                return factory.newSchema(new StreamSource(in, resource));
            }
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + resource, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Messages

    private static Rejected reject(String message) {
        return new Rejected(List.of(message));
    }

    private static Rejected rejectInvalid(String headline, Problems problems) {
        List<String> messages = new ArrayList<>();
        messages.add(headline + ": " + problems.count + " problem(s)"
                + (problems.count > problems.list.size() ? ", the first " + problems.list.size() + " follow" : ""));
        messages.addAll(problems.list);
        return new Rejected(messages);
    }

    static String describeParseError(SAXParseException e) {
        String where = "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": ";
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE is disallowed")) {
            return where + "the file has a DOCTYPE declaration; DTDs and entity declarations are refused (an entity can "
                    + "read files from the server or expand without bound), and a DMN model never needs one";
        }
        if (message.contains("external entity refused")) {
            return where + "the file refers to an external entity; refused";
        }
        if (message.contains("maxElementDepth") || message.contains("elementDepth")) {
            return where + "elements are nested more than " + DmnSafety.MAX_DEPTH + " deep; refused";
        }
        return where + "the file is not well-formed XML: " + message;
    }

    /** Collects schema errors with their line, column and the element they are in. */
    private static final class Problems implements ErrorHandler {
        final List<String> list = new ArrayList<>();
        int count;
        Rewriter context;

        void add(String message) {
            count++;
            if (list.size() < MAX_MESSAGES) {
                list.add(message);
            }
        }

        void fatal(SAXParseException e) {
            add(describeParseError(e));
        }

        private void record(SAXParseException e) {
            String element = context == null ? "" : context.describeCurrentElement();
            add("line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + (element.isEmpty() ? "" : ", " + element) + ": " + e.getMessage());
        }

        @Override
        public void warning(SAXParseException e) {
            // schema warnings do not stop the engine
        }

        @Override
        public void error(SAXParseException e) {
            record(e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pass 1

    private static final class RootSeen extends SAXException {
        private static final long serialVersionUID = 1L;

        RootSeen() {
            super("root element seen");
        }
    }

    private static final class RootProbe extends DefaultHandler {
        private Locator locator;
        DmnVersion version;
        String rootProblem;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            String where = locator == null ? "" : "line " + locator.getLineNumber() + ": ";
            var byNamespace = DmnVersion.ofModelNamespace(uri);
            if (!"definitions".equals(localName)) {
                rootProblem = where + "the root element is <" + qName + ">" + (uri.isEmpty() ? "" : " in namespace " + uri)
                        + "; a DMN model's root element is <definitions> in a DMN 1.1–1.6 model namespace";
            } else if (byNamespace.isEmpty()) {
                rootProblem = where + "the root element <" + qName + "> is in "
                        + (uri.isEmpty() ? "no namespace" : "namespace " + uri)
                        + ", which is not a DMN 1.1–1.6 model namespace (DMN 1.5 is " + DmnVersion.DMN_1_5.modelNamespace()
                        + ")";
            } else {
                version = byNamespace.get();
            }
            throw new RootSeen();
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pass 2

    /**
     * Renames DMN 1.6 namespaces to DMN 1.5 on the way from the parser to the validator (and serialiser), and keeps
     * the element stack so that a validation message can name the element it is about.
     */
    private static final class Rewriter extends XMLFilterImpl implements LexicalHandler {
        private final boolean rewrite;
        private final Deque<String> qNames = new ArrayDeque<>();
        private final Deque<String> localNames = new ArrayDeque<>();
        LexicalHandler lexical;
        int elementsRenamed;
        int feelValuesRewritten;

        Rewriter(XMLReader parent, boolean rewrite) throws SAXException {
            super(parent);
            this.rewrite = rewrite;
            parent.setProperty("http://xml.org/sax/properties/lexical-handler", this);
        }

        String describeCurrentElement() {
            if (qNames.isEmpty()) {
                return "";
            }
            List<String> path = new ArrayList<>(localNames);
            Collections.reverse(path);
            return "element <" + qNames.peek() + "> (" + String.join("/", path) + ")";
        }

        private String mapNamespace(String uri) {
            if (!rewrite || uri == null) {
                return uri;
            }
            if (uri.equals(DmnVersion.DMN_1_6.modelNamespace())) {
                return DmnVersion.DMN_1_5.modelNamespace();
            }
            if (uri.equals(FEEL_1_6)) {
                return FEEL_1_5;
            }
            if (uri.equals(DMNDI_1_6)) {
                return DMNDI_1_5;
            }
            return uri;
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            super.startPrefixMapping(prefix, mapNamespace(uri));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            qNames.push(qName);
            localNames.push(localName);
            if (!rewrite) {
                super.startElement(uri, localName, qName, atts);
                return;
            }
            String mapped = mapNamespace(uri);
            if (!mapped.equals(uri)) {
                elementsRenamed++;
            }
            AttributesImpl rewritten = new AttributesImpl(atts);
            for (int i = 0; i < rewritten.getLength(); i++) {
                rewritten.setURI(i, mapNamespace(rewritten.getURI(i)));
                String name = rewritten.getLocalName(i);
                if (rewritten.getURI(i).isEmpty()
                        && ("expressionLanguage".equals(name) || "typeLanguage".equals(name))
                        && FEEL_1_6.equals(rewritten.getValue(i).trim())) {
                    rewritten.setValue(i, FEEL_1_5);
                    feelValuesRewritten++;
                }
            }
            super.startElement(mapped, localName, qName, rewritten);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(mapNamespace(uri), localName, qName);
            qNames.pop();
            localNames.pop();
        }

        // Comments and CDATA sections go straight to the serialiser, in document order.

        @Override
        public void comment(char[] ch, int start, int length) throws SAXException {
            if (lexical != null) {
                lexical.comment(ch, start, length);
            }
        }

        @Override
        public void startCDATA() throws SAXException {
            if (lexical != null) {
                lexical.startCDATA();
            }
        }

        @Override
        public void endCDATA() throws SAXException {
            if (lexical != null) {
                lexical.endCDATA();
            }
        }

        @Override
        public void startDTD(String name, String publicId, String systemId) throws SAXException {
            throw new SAXException("DOCTYPE is disallowed");
        }

        @Override
        public void endDTD() {
        }

        @Override
        public void startEntity(String name) {
        }

        @Override
        public void endEntity(String name) {
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

    /** An XSD import served from the classpath. */
    private record ClasspathInput(String publicId, String systemId, String baseURI, InputStream byteStream)
            implements LSInput {
        @Override public java.io.Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(java.io.Reader characterStream) { }
        @Override public InputStream getByteStream() { return byteStream; }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String systemId) { }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { }
        @Override public String getBaseURI() { return baseURI; }
        @Override public void setBaseURI(String baseURI) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
