package io.ringfence.decision.dmn;

import org.xml.sax.SAXParseException;

/** A parser's fatal error in an analyst's words, with the line and column; shared by both passes over an upload. */
final class DmnParseError {
    private DmnParseError() {
    }

    static String describe(SAXParseException e) {
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
}
