package dev.elman.io.json;

import java.util.OptionalLong;

/**
 * A JSON number, kept as its literal text so that no precision is lost and no conversion happens until asked.
 *
 * @param text the literal, matching the RFC 8259 number grammar ({@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?})
 */
public record JsonNumber(String text) implements JsonValue {

    public JsonNumber {
        if (end(text, 0) != text.length()) {
            throw new IllegalArgumentException("not a JSON number literal: \"" + text + "\"");
        }
    }

    /** The number {@code value}. */
    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /**
     * The value if the literal is an integer (no fraction, no exponent) within the range of {@code long};
     * empty otherwise.
     */
    public OptionalLong asLong() {
        int digits = text.length() - (text.startsWith("-") ? 1 : 0);
        if (digits > 19 || text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException outOfRange) {
            return OptionalLong.empty();
        }
    }

    /** The nearest {@code double} (infinite if the magnitude is too large). */
    public double doubleValue() {
        return Double.parseDouble(text);
    }

    @Override
    public String kind() {
        return "number";
    }

    /**
     * Scans a number literal starting at {@code start}; returns the index just past it, or -1 if the characters
     * there do not start a valid number.
     */
    static int end(CharSequence s, int start) {
        int i = start;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return -1;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (isDigit(s.charAt(i))) {
            i = digits(s, i);
        } else {
            return -1;
        }
        if (i < n && s.charAt(i) == '.') {
            int j = digits(s, i + 1);
            if (j == i + 1) {
                return -1;
            }
            i = j;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int j = digits(s, i);
            if (j == i) {
                return -1;
            }
            i = j;
        }
        return i;
    }

    private static int digits(CharSequence s, int i) {
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
