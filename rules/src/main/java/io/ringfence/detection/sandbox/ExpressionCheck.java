package io.ringfence.detection.sandbox;

import io.ringfence.detection.sandbox.CodeText.Kind;
import io.ringfence.detection.sandbox.CodeText.Token;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The token check every piece of rule code passes: the only layer for MVEL (constraints, {@code from},
 * attribute expressions are evaluated, never compiled to classes Ringfence can inspect), and the first of
 * two for Java (consequences, functions, evals, accumulate arguments, which the bytecode check reads again).
 *
 * <p>It refuses: names on {@link RulePolicy#DENIED_NAMES}; any class outside the allow-lists that a dotted
 * name resolves to ({@code java.lang.Runtime}, {@code java.io.File}); java.lang classes other than the value
 * types (they need no import, so the import allow-list cannot stop {@code System}); declaration keywords;
 * {@code drools}/{@code kcontext} used for more than facts, the rule and the clock; and, for code compiled
 * into a method, brackets that would close that method (which would let text outside it run as a static
 * initialiser).
 */
final class ExpressionCheck {

    /** Where a piece of code ends up, which decides the structural rules. */
    enum Context {
        /** A consequence or function body: Java statements. */
        JAVA_BLOCK,
        /** An eval or accumulate argument: one Java expression. */
        JAVA_EXPRESSION,
        /** A constraint, a {@code from} source, an attribute: one MVEL expression. */
        MVEL,
        /** A type as written in a declaration: {@code java.util.List<String>}. */
        TYPE
    }

    private final ClassNames names;

    ExpressionCheck(ClassNames names) {
        this.names = names;
    }

    /** @return what is wrong with the code, each once, in order; empty when it may be compiled */
    List<String> problems(String code, Context context) {
        CodeText text = CodeText.of(code == null ? "" : code);
        Set<String> out = new LinkedHashSet<>(text.problems);
        if (!out.isEmpty()) {
            return List.copyOf(out);
        }
        List<Token> t = text.tokens;
        structure(t, context, out);
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            if (token.kind() != Kind.WORD) {
                continue;
            }
            String word = token.text();
            keyword(t, i, context, out);
            RulePolicy.Why why = RulePolicy.DENIED_NAMES.get(word);
            if (why != null) {
                out.add(word + " is not allowed in rules (" + why.text + ")");
            }
            if (word.equals("getKieRuntime") && !followedBy(t, i, "(", ")", ".", "getSessionClock")) {
                out.add("getKieRuntime() is only allowed as getKieRuntime().getSessionClock() ("
                        + RulePolicy.Why.ENGINE.text + ")");
            }
            if (i == 0 || !t.get(i - 1).is(".")) {
                chain(t, i, out);
            }
        }
        return List.copyOf(out);
    }

    private static void keyword(List<Token> t, int i, Context context, Set<String> out) {
        String word = t.get(i).text();
        boolean java = context == Context.JAVA_BLOCK || context == Context.JAVA_EXPRESSION;
        boolean record = word.equals("record") && i + 1 < t.size() && t.get(i + 1).kind() == Kind.WORD;
        if (java && (RulePolicy.JAVA_KEYWORDS.contains(word) || record)) {
            out.add("'" + word + "' is not allowed in rules (no type declarations, static code or locks)");
        }
        if (context == Context.MVEL && RulePolicy.MVEL_KEYWORDS.contains(word)) {
            out.add("'" + word + "' is not allowed in a constraint (one expression, no statements)");
        }
    }

    /** A dotted name starting at {@code i}: its head and every prefix that names a class must be allowed. */
    private void chain(List<Token> t, int i, Set<String> out) {
        List<String> segments = new ArrayList<>();
        segments.add(t.get(i).text());
        for (int j = i + 1; j + 1 < t.size() && t.get(j).is(".") && t.get(j + 1).kind() == Kind.WORD; j += 2) {
            segments.add(t.get(j + 1).text());
        }
        String head = segments.get(0);
        if ((head.equals("drools") || head.equals("kcontext")) && segments.size() > 1
                && !RulePolicy.HANDLE_METHODS.contains(segments.get(1))) {
            out.add(head + "." + segments.get(1) + " is not allowed in rules (" + RulePolicy.Why.ENGINE.text + ")");
        }
        String simple = simpleNameProblem(head);
        if (simple != null) {
            out.add(simple);
            return;
        }
        StringBuilder name = new StringBuilder(head);
        for (int k = 1; k < segments.size(); k++) {
            name.append('.').append(segments.get(k));
            String candidate = name.toString();
            if (names.exists(candidate)) {
                if (!ClassNames.allowed(candidate)) {
                    out.add(ClassNames.refusal(candidate));
                }
                return;
            }
        }
    }

    /** A name that needs no import: java.lang, MVEL's built-in names, classes outside any package. */
    private String simpleNameProblem(String word) {
        if (word.equals("Array")) { // MVEL binds it to java.lang.reflect.Array
            return ClassNames.refusal("java.lang.reflect.Array");
        }
        String lang = "java.lang." + word;
        if (Character.isUpperCase(word.charAt(0)) && names.exists(lang) && !ClassNames.allowed(lang)) {
            return ClassNames.refusal(lang);
        }
        if (names.exists(word)) {
            return word + " is not allowed in rules (a class outside any package)";
        }
        return null;
    }

    private static void structure(List<Token> t, Context context, Set<String> out) {
        int parens = 0;
        int brackets = 0;
        int braces = 0;
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            if (token.kind() != Kind.SYMBOL) {
                continue;
            }
            switch (token.text()) {
                case "(" -> parens++;
                case ")" -> parens--;
                case "[" -> {
                    brackets++;
                    if (context == Context.MVEL && (i == 0 || !RulePolicy.BRACKET_OPERATORS.contains(t.get(i - 1).text()))) {
                        out.add("'[' is only allowed after a temporal operator in a constraint (after[...], before[...])");
                    }
                }
                case "]" -> brackets--;
                case "{" -> braces++;
                case "}" -> braces--;
                case ";" -> {
                    if (context == Context.MVEL || context == Context.TYPE
                            || context == Context.JAVA_EXPRESSION && braces == 0) {
                        out.add("';' is not allowed in an expression");
                    }
                }
                default -> {
                }
            }
            if ((context == Context.MVEL || context == Context.TYPE) && (braces != 0)) {
                out.add("'{' and '}' are not allowed in a constraint");
                braces = 0;
            }
            if (parens < 0 || brackets < 0 || braces < 0) {
                out.add("unbalanced '" + token.text() + "': rule code may not close the method it is compiled into");
                return;
            }
        }
        if (parens != 0 || brackets != 0 || braces != 0) {
            out.add("unbalanced brackets: rule code may not close the method it is compiled into");
        }
    }

    private static boolean followedBy(List<Token> t, int i, String... next) {
        for (int k = 0; k < next.length; k++) {
            if (i + 1 + k >= t.size() || !t.get(i + 1 + k).is(next[k])) {
                return false;
            }
        }
        return true;
    }
}
