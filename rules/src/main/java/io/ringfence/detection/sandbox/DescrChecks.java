package io.ringfence.detection.sandbox;

import io.ringfence.detection.sandbox.ExpressionCheck.Context;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AnnotationDescr;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What the walks over parsed DRL share: the code check, where they are, and the rules for annotations. */
final class DescrChecks {
    /** What a metadata value or field initialiser may be: a string, a number or duration, a lower-case word. */
    static final Pattern LITERAL = Pattern.compile(
            "\"[^\"\\\\]*(\\\\.[^\"\\\\]*)*\"|-?[0-9][0-9_.]*[a-zA-Z0-9]*|[a-z][A-Za-z0-9_]*");

    private final ExpressionCheck code;
    private final Violations out;

    DescrChecks(ExpressionCheck code, Violations out) {
        this.code = code;
        this.out = out;
    }

    void at(String where) {
        out.at(where);
    }

    void add(String problem) {
        out.add(problem);
    }

    void code(String text, Context context) {
        code.problems(text, context).forEach(out::add);
    }

    void type(String type) {
        if (type != null) {
            code(type, Context.TYPE);
        }
    }

    /**
     * Metadata values are evaluated with MVEL while the rule compiles, so they must be literals; annotation
     * names are resolved as types, so they must be plain names.
     */
    void annotations(AnnotatedBaseDescr descr) {
        for (AnnotationDescr a : descr.getAnnotations()) {
            if (!a.getName().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                out.add("annotation @" + a.getName() + ": annotations must be plain names");
                continue;
            }
            code(a.getName(), Context.TYPE);
            for (Map.Entry<String, Object> v : a.getValueMap().entrySet()) {
                for (Object value : v.getValue() instanceof Object[] array ? List.of(array) : List.of(v.getValue())) {
                    String text = String.valueOf(value).trim();
                    if (!(value instanceof String) || !LITERAL.matcher(text).matches()) {
                        out.add("annotation @" + a.getName() + ": values must be literals (a string, a number or "
                                + "duration, or a lower-case name): " + text);
                    } else if (!text.startsWith("\"")) {
                        code(text, Context.MVEL);
                    }
                }
            }
        }
    }

    void unsupported(Object descr) {
        out.add("the construct " + descr.getClass().getSimpleName().replace("Descr", "")
                + " is not supported in uploaded rules");
    }

    static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
