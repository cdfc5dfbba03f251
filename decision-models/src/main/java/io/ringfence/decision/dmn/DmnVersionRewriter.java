package io.ringfence.decision.dmn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Renames DMN 1.6 namespaces to DMN 1.5 on the way from the parser to the validator (and serialiser), and keeps
 * the element stack so that a validation message can name the element it is about. The model and FEEL namespaces
 * move from 20240513 to 20230324 as element names, namespace declarations and {@code expressionLanguage} /
 * {@code typeLanguage} values; DMNDI, DC and DI namespaces are the same in both versions, and vendor extensions
 * (the editor's {@code kie} namespace) are left alone. Without {@code rewrite} it only keeps the element stack,
 * for the messages of a model validated as it is.
 */
final class DmnVersionRewriter extends XMLFilterImpl implements LexicalHandler {
    static final String FEEL_1_5 = "https://www.omg.org/spec/DMN/20230324/FEEL/";
    static final String FEEL_1_6 = "https://www.omg.org/spec/DMN/20240513/FEEL/";
    static final String DMNDI_1_5 = "https://www.omg.org/spec/DMN/20230324/DMNDI/";
    /** DMN 1.6 kept the DMN 1.5 DMNDI namespace; a tool that writes this one anyway is mapped too. */
    static final String DMNDI_1_6 = "https://www.omg.org/spec/DMN/20240513/DMNDI/";

    private final boolean rewrite;
    private final Deque<String> qNames = new ArrayDeque<>();
    private final Deque<String> localNames = new ArrayDeque<>();
    private LexicalHandler lexical;
    private int elementsRenamed;
    private int feelValuesRewritten;

    DmnVersionRewriter(XMLReader parent, boolean rewrite) throws SAXException {
        super(parent);
        this.rewrite = rewrite;
        parent.setProperty("http://xml.org/sax/properties/lexical-handler", this);
    }

    /** Where comments and CDATA sections go, in document order; the validator has no use for them. */
    void lexicalHandler(LexicalHandler lexical) {
        this.lexical = lexical;
    }

    int elementsRenamed() {
        return elementsRenamed;
    }

    int feelValuesRewritten() {
        return feelValuesRewritten;
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
