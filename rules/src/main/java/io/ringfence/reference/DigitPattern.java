package io.ringfence.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Java regex that libphonenumber's metadata is written in: digits, {@code \d}, classes
 * of digits, groups, alternation, {@code ?} and bounded repeats, and a {@code $} that ends an
 * alternative of a national-prefix pattern. Anything else is refused, so that a future metadata
 * release using more of the syntax sends its calling code to the fallback instead of being
 * misread.
 */
final class DigitPattern {
    /** One node of the parsed pattern; classes are bit masks over the ten digits. */
    sealed interface Node permits Digits, Sequence, Choice, Repeat, End { }

    record Digits(int mask) implements Node { }

    record Sequence(List<Node> items) implements Node { }

    record Choice(List<Node> alternatives) implements Node { }

    record Repeat(Node item, int min, int max) implements Node { }

    /** {@code $}: the input ends here. */
    record End() implements Node { }

    static final int ANY_DIGIT = 0x3FF;

    private final String regex;
    private int pos;

    private DigitPattern(String regex) {
        this.regex = regex;
    }

    /** @throws IllegalArgumentException for syntax outside the subset */
    static Node parse(String regex) {
        DigitPattern p = new DigitPattern(regex);
        Node n = p.choice(true);
        if (p.pos != regex.length()) {
            throw p.refuse();
        }
        return n;
    }

    private Node choice(boolean topLevel) {
        List<Node> alternatives = new ArrayList<>();
        alternatives.add(sequence(topLevel));
        while (peek() == '|') {
            pos++;
            alternatives.add(sequence(topLevel));
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Choice(List.copyOf(alternatives));
    }

    private Node sequence(boolean topLevel) {
        List<Node> items = new ArrayList<>();
        while (pos < regex.length() && peek() != '|' && peek() != ')') {
            if (peek() == '$') {
                pos++;
                // Only "...$" at the end of a whole alternative, which is all the metadata uses: an
                // anchor anywhere else would need look-ahead this automaton does not model.
                if (!topLevel || (pos < regex.length() && peek() != '|')) {
                    throw refuse();
                }
                items.add(new End());
                break;
            }
            items.add(repeat(atom()));
        }
        return items.size() == 1 ? items.get(0) : new Sequence(List.copyOf(items));
    }

    private Node repeat(Node item) {
        if (peek() == '?') {
            pos++;
            return new Repeat(item, 0, 1);
        }
        if (peek() != '{') {
            return item;
        }
        pos++;
        int min = number();
        int max = min;
        if (peek() == ',') {
            pos++;
            max = number();
        }
        expect('}');
        if (max < min) {
            throw refuse();
        }
        return new Repeat(item, min, max);
    }

    private Node atom() {
        char c = next();
        if (c >= '0' && c <= '9') {
            return new Digits(1 << (c - '0'));
        }
        if (c == '\\') {
            expect('d');
            return new Digits(ANY_DIGIT);
        }
        if (c == '[') {
            return new Digits(digitClass());
        }
        if (c == '(') {
            if (peek() == '?') {
                pos++;
                expect(':');
            }
            Node inner = choice(false);
            expect(')');
            return inner;
        }
        pos--;
        throw refuse();
    }

    private int digitClass() {
        int mask = 0;
        while (peek() != ']') {
            char c = next();
            if (c == '\\') {
                expect('d');
                mask |= ANY_DIGIT;
            } else if (c >= '0' && c <= '9') {
                char last = c;
                if (peek() == '-') {
                    pos++;
                    last = next();
                    if (last < c || last > '9') {
                        throw refuse();
                    }
                }
                for (char d = c; d <= last; d++) {
                    mask |= 1 << (d - '0');
                }
            } else {
                pos--;
                throw refuse();
            }
        }
        pos++;
        return mask;
    }

    private int number() {
        int start = pos;
        while (pos < regex.length() && Character.isDigit(regex.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw refuse();
        }
        return Integer.parseInt(regex, start, pos, 10);
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw refuse();
        }
    }

    private char next() {
        if (pos >= regex.length()) {
            throw refuse();
        }
        return regex.charAt(pos++);
    }

    private char peek() {
        return pos < regex.length() ? regex.charAt(pos) : '\0';
    }

    private IllegalArgumentException refuse() {
        return new IllegalArgumentException("unsupported regex at " + pos + ": " + regex);
    }
}
