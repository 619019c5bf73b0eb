package dev.elman.nlp.lm;

import java.util.Arrays;

/**
 * The characters (Unicode code points) a character language model knows, with dense ids in code-point order.
 * Immutable. There is no unknown entry: text with a character outside the vocabulary is rejected.
 */
public final class CharVocabulary {
    private final int[] codePoints;   // sorted, distinct; id -> code point

    private CharVocabulary(int[] sortedDistinct) {
        if (sortedDistinct.length == 0) {
            throw new IllegalArgumentException("character vocabulary: empty, expected at least one character");
        }
        for (int i = 0; i < sortedDistinct.length; i++) {
            if (sortedDistinct[i] >= Character.MIN_SURROGATE && sortedDistinct[i] <= Character.MAX_SURROGATE) {
                throw new IllegalArgumentException("character vocabulary: unpaired surrogate U+"
                        + hex(sortedDistinct[i]) + " (not a character; is the text valid UTF-16?)");
            }
        }
        this.codePoints = sortedDistinct;
    }

    /** The distinct characters of {@code text}. */
    public static CharVocabulary of(CharSequence text) {
        return new CharVocabulary(text.codePoints().sorted().distinct().toArray());
    }

    /** The distinct values of {@code codePoints}. */
    public static CharVocabulary ofCodePoints(int[] codePoints) {
        for (int i = 0; i < codePoints.length; i++) {
            if (!Character.isValidCodePoint(codePoints[i])) {
                throw new IllegalArgumentException("character vocabulary: " + codePoints[i] + " at index " + i
                        + " is not a Unicode code point");
            }
        }
        return new CharVocabulary(Arrays.stream(codePoints).sorted().distinct().toArray());
    }

    /**
     * Reads the form written by {@link #asString()}: every character once, in code-point order.
     *
     * @throws IllegalArgumentException naming the offending index if a character repeats or is out of order
     */
    public static CharVocabulary parse(String chars) {
        int[] cps = chars.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (i > 0 && cps[i] <= cps[i - 1]) {
                throw new IllegalArgumentException("character vocabulary: entry " + i + " (" + describe(cps[i])
                        + ") " + (cps[i] == cps[i - 1] ? "repeats the previous one" : "is out of code-point order"));
            }
        }
        return new CharVocabulary(cps);
    }

    /** Every character once, in id order: the form stored in model files. */
    public String asString() {
        return new String(codePoints, 0, codePoints.length);
    }

    /** Number of characters. */
    public int size() {
        return codePoints.length;
    }

    /** Whether the character has an id. */
    public boolean contains(int codePoint) {
        return Arrays.binarySearch(codePoints, codePoint) >= 0;
    }

    /** The id of a character, or -1 if it is not in the vocabulary. */
    public int idOrMinusOne(int codePoint) {
        int i = Arrays.binarySearch(codePoints, codePoint);
        return i >= 0 ? i : -1;
    }

    /** The id of a character. */
    public int id(int codePoint) {
        int i = idOrMinusOne(codePoint);
        if (i < 0) {
            throw new IllegalArgumentException(describe(codePoint) + " is not in the vocabulary of " + size()
                    + " characters");
        }
        return i;
    }

    /** The character with id {@code id}. */
    public int codePoint(int id) {
        if (id < 0 || id >= codePoints.length) {
            throw new IllegalArgumentException("character id " + id + " is outside [0, " + codePoints.length + ")");
        }
        return codePoints[id];
    }

    /**
     * The ids of every character of {@code text}.
     *
     * @param source names the text in error messages (a file name, "--prime")
     * @throws IllegalArgumentException naming the line, column and character of the first unknown character
     */
    public int[] encode(CharSequence text, String source) {
        int[] cps = text.codePoints().toArray();
        int[] ids = new int[cps.length];
        int line = 1;
        int column = 1;
        for (int i = 0; i < cps.length; i++) {
            int id = idOrMinusOne(cps[i]);
            if (id < 0) {
                throw new IllegalArgumentException(source + ":" + line + ":" + column + ": " + describe(cps[i])
                        + " is not in the model's vocabulary of " + size() + " characters");
            }
            ids[i] = id;
            if (cps[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return ids;
    }

    /** The text of a sequence of ids. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) {
            sb.appendCodePoint(codePoint(id));
        }
        return sb.toString();
    }

    /** A character for messages: {@code 'x' (U+0078)}, or only the code point for control characters. */
    static String describe(int codePoint) {
        String u = "U+" + hex(codePoint);
        if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint) || !Character.isDefined(codePoint)) {
            return "character " + u;
        }
        return "character '" + new String(Character.toChars(codePoint)) + "' (" + u + ")";
    }

    private static String hex(int codePoint) {
        String h = Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(Math.max(0, 4 - h.length())) + h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharVocabulary v && Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "CharVocabulary(" + size() + " characters)";
    }
}
