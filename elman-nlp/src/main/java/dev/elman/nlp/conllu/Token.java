package dev.elman.nlp.conllu;

/**
 * One CoNLL-U token line: the ID and the nine other columns as they appear in the file ({@code _} for unspecified).
 *
 * <p>Every column is non-empty and free of tabs and line breaks; spaces are allowed (UD permits them in FORM and
 * LEMMA). {@link #toLine()} reproduces the parsed line exactly.
 *
 * @param id     the ID column, parsed
 * @param form   FORM: the word form or punctuation symbol
 * @param lemma  LEMMA
 * @param upos   UPOS: universal part-of-speech tag
 * @param xpos   XPOS: language-specific part-of-speech tag
 * @param feats  FEATS: morphological features
 * @param head   HEAD: the head word's ID, or 0
 * @param deprel DEPREL: the relation to the head
 * @param deps   DEPS: the enhanced dependency graph
 * @param misc   MISC: anything else (e.g. {@code SpaceAfter=No})
 */
public record Token(TokenId id, String form, String lemma, String upos, String xpos, String feats, String head,
                    String deprel, String deps, String misc) {

    /** The column names, in file order. */
    private static final String[] COLUMNS =
            {"ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC"};

    /** Validates that no column is missing, empty or holds a tab or line break. */
    public Token {
        if (id == null) {
            throw new IllegalArgumentException("column ID is missing");
        }
        String[] values = {form, lemma, upos, xpos, feats, head, deprel, deps, misc};
        for (int i = 0; i < values.length; i++) {
            checkColumn(COLUMNS[i + 1], values[i]);
        }
    }

    private static void checkColumn(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty " + name + " column (use '_' for unspecified)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException(name + " column contains a tab or line break");
            }
        }
    }

    /** A word with the given ID and form and {@code _} in every other column. */
    public static Token word(int id, String form) {
        return new Token(TokenId.word(id), form, "_", "_", "_", "_", "_", "_", "_", "_");
    }

    /**
     * Parses one token line (without its line terminator).
     *
     * @throws IllegalArgumentException naming the problem: wrong column count, bad ID, empty column
     */
    public static Token parse(String line) {
        String[] c = new String[10];
        int n = 0;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == '\t') {
                if (n < 10) {
                    c[n] = line.substring(start, i);
                }
                n++;
                start = i + 1;
            }
        }
        if (n != 10) {
            throw new IllegalArgumentException("expected 10 tab-separated columns, found " + n);
        }
        return new Token(TokenId.parse(c[0]), c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
    }

    /** The kind of line, from the ID. */
    public TokenKind kind() {
        return id.kind();
    }

    /** Whether this is a syntactic word (not a range, not an empty node). */
    public boolean isWord() {
        return id.kind() == TokenKind.WORD;
    }

    /** This token with the given column replaced. */
    public Token withTag(TagColumn column, String tag) {
        return column == TagColumn.UPOS
                ? new Token(id, form, lemma, tag, xpos, feats, head, deprel, deps, misc)
                : new Token(id, form, lemma, upos, tag, feats, head, deprel, deps, misc);
    }

    /** The line as written in a CoNLL-U file: ten tab-separated columns, no terminator. */
    public String toLine() {
        return String.join("\t", id.toString(), form, lemma, upos, xpos, feats, head, deprel, deps, misc);
    }
}
