package io.ringfence.decision.dmn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.ringfence.upload.SafeXml;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The first pass over an upload: only as far as the root element, to learn the DMN version from its namespace,
 * so that non-XML and wrong roots are refused before a schema is compiled or the file read in full.
 */
final class DmnRootProbe extends DefaultHandler {

    /** The version the file is written in, or why it is not a DMN model (exactly one is set). */
    record Root(DmnVersion version, String problem) {
    }

    private Locator locator;
    private DmnVersion version;
    private String rootProblem;

    private DmnRootProbe() {
    }

    static Root read(byte[] uploaded) {
        DmnRootProbe probe = new DmnRootProbe();
        try {
            XMLReader reader = SafeXml.hardenedReader(DmnSafety.MAX_DEPTH);
            reader.setContentHandler(probe);
            reader.setErrorHandler(probe);
            reader.parse(new InputSource(new ByteArrayInputStream(uploaded)));
        } catch (RootSeen seen) {
            // expected: the probe stops the parse at the root element
        } catch (SAXParseException e) {
            return new Root(null, DmnParseError.describe(e));
        } catch (SAXException e) {
            return new Root(null, "the file is not readable XML: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (probe.rootProblem != null) {
            return new Root(null, probe.rootProblem);
        }
        if (probe.version == null) {
            return new Root(null, "the file has no root element");
        }
        return new Root(probe.version, null);
    }

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

    /** Stops the parse once the root element has been seen: the rest of the file is the second pass's. */
    private static final class RootSeen extends SAXException {
        private static final long serialVersionUID = 1L;

        RootSeen() {
            super("root element seen");
        }
    }
}
