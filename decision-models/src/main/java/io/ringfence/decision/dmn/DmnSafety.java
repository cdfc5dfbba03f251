package io.ringfence.decision.dmn;

import io.ringfence.upload.SafeXml;
import org.xml.sax.Attributes;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a DMN file may hold beyond being valid DMN, checked on every model before KIE compiles it
 * ({@code DecisionModel.compile}). KIE 10.1 lets a model call any static Java method (a FEEL
 * {@code function(...) external { java: {...} }}, or a function definition of kind "Java"), reads the file or
 * URL a DMN {@code <import>} names, and fetches an external DTD over HTTP if one is declared; none of that is
 * needed by a disposition model, so none of it is accepted.
 */
public final class DmnSafety implements SafeXml.Inspector {
    /** The shipped model is 6 levels deep with 1,053 elements and at most 10 attributes on one element. */
    static final int MAX_DEPTH = 200;
    static final int MAX_ELEMENTS = 100_000;
    static final int MAX_ATTRIBUTES = 100;

    /** The limits for a file of at most 2 MiB, the largest upload accepted. */
    public static final SafeXml.Limits LIMITS = limits(DmnUpload.DEFAULT_MAX_BYTES);
    public static final SafeXml.Inspector INSPECTOR = new DmnSafety();

    static final String FEEL_1_5 = "https://www.omg.org/spec/DMN/20230324/FEEL/";
    /**
     * FEEL's URI in each DMN version KIE 10.1 reads (1.1 to 1.5; an editor's 1.6 is rewritten to 1.5 before this
     * check), exactly: a value that merely mentions FEEL names some other language, which the engine may hand to a
     * different evaluator or skip.
     */
    static final Set<String> FEEL_URIS = Set.of(
            "http://www.omg.org/spec/FEEL/20140401",
            "http://www.omg.org/spec/DMN/20180521/FEEL/",
            "https://www.omg.org/spec/DMN/20191111/FEEL/",
            "https://www.omg.org/spec/DMN/20211108/FEEL/",
            FEEL_1_5);

    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]|\\\\.)*\"");
    private static final Pattern EXTERNAL = Pattern.compile("(?<![\\p{L}\\p{N}_])external(?![\\p{L}\\p{N}_])");

    private DmnSafety() {
    }

    static SafeXml.Limits limits(int maxBytes) {
        return new SafeXml.Limits("DMN file", maxBytes, MAX_DEPTH, MAX_ELEMENTS, MAX_ATTRIBUTES);
    }

    @Override
    public String element(String uri, String localName, String parent, Attributes attributes) {
        if ("import".equals(localName)) {
            return "<import> is not allowed: the engine would read the model or PMML file it names; a decision model"
                    + " is one self-contained file";
        }
        for (int i = 0; i < attributes.getLength(); i++) {
            // By local name: a prefixed x:kind="Java" must not slip past as an attribute of another name.
            String name = attributes.getLocalName(i);
            if ("kind".equals(name) && ("functionDefinition".equals(localName) || "encapsulatedLogic".equals(localName))
                    && !attributes.getValue(i).equals("FEEL")) {
                return "a <" + localName + "> of kind " + attributes.getValue(i) + " is not allowed: only FEEL functions"
                        + " (a Java function calls a method on the server, a PMML one reads a file)";
            }
            if (("expressionLanguage".equals(name) || "typeLanguage".equals(name))
                    && !FEEL_URIS.contains(attributes.getValue(i))) {
                return name + " \"" + attributes.getValue(i) + "\" is not allowed: expressions are FEEL, named by"
                        + " the URI of a DMN version the engine reads (" + FEEL_1_5 + " for DMN 1.5)";
            }
        }
        return null;
    }

    /** FEEL lives in {@code <text>} elements; annotations and text annotations hold prose, not FEEL. */
    @Override
    public String text(String uri, String localName, String parent, String text) {
        if ("text".equals(localName) && !"annotationEntry".equals(parent) && !"textAnnotation".equals(parent)
                && EXTERNAL.matcher(STRING.matcher(text).replaceAll("\"\"")).find()) {
            return "a FEEL external function is not allowed: it calls a Java method on the server";
        }
        return null;
    }
}
