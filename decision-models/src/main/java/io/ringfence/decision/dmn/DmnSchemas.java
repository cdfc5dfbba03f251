package io.ringfence.decision.dmn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.EnumMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * The XSDs of the DMN versions KIE 10.1 reads, as {@code org.kie:kie-dmn-xsd-resources} ships them, each compiled
 * once; their imports are read from the classpath only, never from the URLs they name.
 */
final class DmnSchemas {
    private static final Map<DmnVersion, Schema> SCHEMAS = new EnumMap<>(DmnVersion.class);

    private DmnSchemas() {
    }

    /** The XSD of a version, compiled on first use. */
    static Schema of(DmnVersion version) {
        synchronized (SCHEMAS) {
            Schema schema = SCHEMAS.get(version);
            if (schema == null) {
                schema = compile(version);
                SCHEMAS.put(version, schema);
            }
            return schema;
        }
    }

    private static Schema compile(DmnVersion version) {
        String resource = version.schemaResource();
        if (resource == null) {
            throw new IllegalArgumentException("no schema shipped for " + version);
        }
        String folder = resource.substring(0, resource.lastIndexOf('/') + 1);
        ClassLoader loader = DmnSchemas.class.getClassLoader();
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
