package dev.elman.nlp.conllu;

/**
 * The parsed ID column of a token line.
 *
 * <p>{@code first} and {@code second} depend on the kind: a word {@code n} is (n, n); a range {@code a-b} is (a, b)
 * with a &lt; b; an empty node {@code n.k} is (n, k), n ≥ 0 (it follows word n) and k ≥ 1. Numbers are written without
 * leading zeros, so {@link #toString()} reproduces the parsed text exactly.
 *
 * @param kind   word, range or empty node
 * @param first  the word number, range start or the word the empty node follows
 * @param second the word number, range end or the empty node's index after the dot
 */
public record TokenId(TokenKind kind, int first, int second) {

    /** Validates the numbers for the kind. */
    public TokenId {
        if (kind == null) {
            throw new IllegalArgumentException("TokenId: kind must be set");
        }
        boolean ok = switch (kind) {
            case WORD -> first >= 1 && second == first;
            case RANGE -> first >= 1 && second > first;
            case EMPTY -> first >= 0 && second >= 1;
        };
        if (!ok) {
            throw new IllegalArgumentException("TokenId: invalid " + kind + " id (" + first + ", " + second + ")");
        }
    }

    /** A word ID {@code n}. */
    public static TokenId word(int n) {
        return new TokenId(TokenKind.WORD, n, n);
    }

    /**
     * Parses {@code 3}, {@code 3-4} or {@code 5.1}.
     *
     * @throws IllegalArgumentException naming the text if it is none of these
     */
    public static TokenId parse(String text) {
        int dash = text.indexOf('-');
        int dot = text.indexOf('.');
        try {
            if (dash < 0 && dot < 0) {
                return word(number(text, 0, text.length(), 1));
            }
            if (dash > 0 && dot < 0) {
                int a = number(text, 0, dash, 1);
                int b = number(text, dash + 1, text.length(), 1);
                if (b <= a) {
                    throw new IllegalArgumentException("bad ID '" + text + "': range end must exceed its start");
                }
                return new TokenId(TokenKind.RANGE, a, b);
            }
            if (dot >= 0 && dash < 0) {
                return new TokenId(TokenKind.EMPTY, number(text, 0, dot, 0), number(text, dot + 1, text.length(), 1));
            }
        } catch (NumberFormatException e) {
            // fall through to the generic message
        }
        throw new IllegalArgumentException("bad ID '" + text + "': expected a word (3), range (3-4) or empty node (5.1)");
    }

    /** Parses digits in text[from, to) without sign or leading zeros; at least {@code min}. */
    private static int number(String text, int from, int to, int min) {
        if (from >= to || to - from > 9 || (text.charAt(from) == '0' && to - from > 1)) {
            throw new NumberFormatException();
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException();
            }
            value = value * 10 + (c - '0');
        }
        if (value < min) {
            throw new NumberFormatException();
        }
        return value;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case WORD -> Integer.toString(first);
            case RANGE -> first + "-" + second;
            case EMPTY -> first + "." + second;
        };
    }
}
