package io.ringfence.decision.dmn;

import java.util.ArrayList;
import java.util.List;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Collects the schema errors of one upload with their line, column and the element they are in; all are counted,
 * the first {@value #MAX_MESSAGES} kept, so an analyst sees every kind of mistake without a wall of repeats.
 */
final class SchemaProblems implements ErrorHandler {
    private static final int MAX_MESSAGES = 25;

    private final List<String> list = new ArrayList<>();
    private int count;
    private DmnVersionRewriter context;

    /** Where the parse is, so that a message can name the element it is about. */
    void context(DmnVersionRewriter context) {
        this.context = context;
    }

    void add(String message) {
        count++;
        if (list.size() < MAX_MESSAGES) {
            list.add(message);
        }
    }

    void fatal(SAXParseException e) {
        add(DmnParseError.describe(e));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** The rejection's messages: the headline with the count, then the problems kept. */
    List<String> messages(String headline) {
        List<String> messages = new ArrayList<>();
        messages.add(headline + ": " + count + " problem(s)"
                + (count > list.size() ? ", the first " + list.size() + " follow" : ""));
        messages.addAll(list);
        return messages;
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
