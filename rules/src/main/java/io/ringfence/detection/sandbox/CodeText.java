package io.ringfence.detection.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A piece of rule code (Java or MVEL) as tokens. String and character literals become one opaque token: their
 * text can name nothing. Comments produce no tokens, so prose in a consequence ("wait for the callback") is not
 * mistaken for a call; that is safe because the DRL parser strips comments from everything MVEL evaluates
 * (constraints, {@code from}, evals, accumulate arguments), and what keeps them (consequences, functions) is
 * compiled by Java, whose comments end exactly where this lexer ends them once Unicode escapes are refused.
 * A quote inside a comment never opens a string here, as in Java.
 *
 * <p>Refused outright, because the Java compiler and this lexer would read them differently: Unicode escapes
 * (Java decodes {@code \u0022} into a quote before it tokenizes, so one can end a string or a comment),
 * text blocks, invisible and control characters (Java ignores some inside identifiers, so
 * {@code Sys\u200Btem} is {@code System}), and numbers with letters no literal has.
 */
final class CodeText {
    enum Kind { WORD, NUMBER, STRING, SYMBOL }

    record Token(Kind kind, String text) {
        boolean is(String symbol) {
            return kind != Kind.STRING && text.equals(symbol);
        }
    }

    private static final Pattern NUMBER = Pattern.compile(
            "0[xX][0-9a-fA-F_]+[lL]?|0[bB][01_]+[lL]?|([0-9][0-9_]*(ms|s|m|h|d))+"
                    + "|[0-9][0-9_]*(\\.[0-9_]*)?([eE][0-9]*)?[lLfFdDbBiI]?|\\.[0-9_]+([eE][0-9]*)?[fFdD]?");

    final List<Token> tokens = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    private CodeText() {
    }

    static CodeText of(String code) {
        CodeText out = new CodeText();
        out.lex(code);
        return out;
    }

    private void lex(String s) {
        if (s.contains("\\u")) {
            problems.add("a Unicode escape (\\u...) is not allowed in rules: Java decodes it before anything else,"
                    + " so it can end a string or a comment; write the character itself");
            return;
        }
        if (s.contains("\"\"\"")) {
            problems.add("text blocks (\"\"\") are not allowed in rules");
            return;
        }
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int end = endOfLiteral(s, i);
                if (end < 0) {
                    problems.add("an unterminated string or character literal");
                    return;
                }
                tokens.add(new Token(Kind.STRING, ""));
                i = end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                i = lexComment(s, lineEnd(s, i + 2), 0);
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                i = lexComment(s, s.indexOf("*/", i + 2), 2);
            } else {
                i = lexCode(s, i);
                if (i < 0) {
                    return;
                }
            }
        }
    }

    /** Java ends a line comment at CR or LF. */
    private static int lineEnd(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\n' || s.charAt(i) == '\r') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Skips a comment and returns the index after it.
     *
     * @param end where the comment ends, -1 for the end of the text
     * @param terminator the length of what ends it
     */
    private static int lexComment(String s, int end, int terminator) {
        return end < 0 ? s.length() : end + terminator;
    }

    /** Lexes one word, number, symbol or blank at {@code i}; returns the next index, or -1 on a refusal. */
    private int lexCode(String s, int i) {
        char c = s.charAt(i);
        if (c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == ' ') {
            return i + 1;
        }
        if (Character.isIdentifierIgnorable(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.isSurrogate(c) && !Character.isJavaIdentifierPart(s.codePointAt(i))) {
            problems.add(String.format("the invisible, control or unpaired character U+%04X is not allowed outside"
                    + " strings in rules", (int) c));
            return -1;
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return i + 1;
        }
        if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
            int end = i + 1;
            while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                    || s.charAt(end) == '.' && end + 1 < s.length() && Character.isDigit(s.charAt(end + 1)))) {
                end++;
            }
            String number = s.substring(i, end);
            if (!NUMBER.matcher(number).matches()) {
                problems.add("'" + number + "' is not a number");
                return -1;
            }
            tokens.add(new Token(Kind.NUMBER, number));
            return end;
        }
        int cp = s.codePointAt(i);
        if (Character.isJavaIdentifierStart(cp)) {
            int end = i + Character.charCount(cp);
            while (end < s.length() && Character.isJavaIdentifierPart(s.codePointAt(end))) {
                end += Character.charCount(s.codePointAt(end));
            }
            tokens.add(new Token(Kind.WORD, s.substring(i, end)));
            return end;
        }
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
        return i + 1;
    }

    /** The index after the literal that starts at {@code start}, or -1 when it never ends. */
    private static int endOfLiteral(String s, int start) {
        char quote = s.charAt(start);
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return -1;
    }
}
