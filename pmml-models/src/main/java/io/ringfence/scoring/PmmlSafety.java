package io.ringfence.scoring;

import io.ringfence.upload.SafeXml;
import org.xml.sax.Attributes;

/**
 * The limits and content rules a PMML document passes before JPMML parses it. JPMML's own parser refuses
 * DOCTYPE declarations too; the size and structure limits and the function rule are Ringfence's.
 */
final class PmmlSafety implements SafeXml.Inspector {
    /**
     * 20 MiB holds a boosted model of some thousand trees (the shipped one is 55 KB); a million elements bounds
     * the object model JPMML builds in memory; 500 levels is far deeper than any tree a trainer writes.
     */
    static final SafeXml.Limits LIMITS = new SafeXml.Limits("PMML document", 20 * 1024 * 1024, 500, 1_000_000, 100);
    static final PmmlSafety INSPECTOR = new PmmlSafety();

    private PmmlSafety() {
    }

    /**
     * JPMML resolves a function name it does not know as a Java class name, then loads and instantiates that
     * class: a dotted name in {@code Apply/@function} would run code from the class path. PMML's built-in and
     * user-defined ({@code DefineFunction}) functions need no dot.
     */
    @Override
    public String element(String uri, String localName, String parent, Attributes attributes) {
        String function = "Apply".equals(localName) ? attributes.getValue("function") : null;
        if (function != null && function.contains(".")) {
            return "the function \"" + function + "\" is not allowed: JPMML would load and run the Java class of that"
                    + " name; use PMML's built-in functions or a DefineFunction";
        }
        return null;
    }
}
