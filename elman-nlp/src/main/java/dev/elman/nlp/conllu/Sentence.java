package dev.elman.nlp.conllu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One CoNLL-U sentence: its comment lines in order (each starting with {@code #}, e.g. {@code # sent_id = 1} and
 * {@code # text = ...}) and its token lines (words, multiword ranges and empty nodes) in file order. Immutable and
 * validated on construction.
 */
public final class Sentence {
    private final List<String> comments;
    private final List<Token> tokens;
    private final List<Token> words;

    private Sentence(List<String> comments, List<Token> tokens) {
        this.comments = List.copyOf(comments);
        this.tokens = List.copyOf(tokens);
        List<Token> w = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            if (t.isWord()) {
                w.add(t);
            }
        }
        this.words = List.copyOf(w);
    }

    /**
     * A sentence of the given comment lines and tokens.
     *
     * @throws IllegalArgumentException if a comment does not start with {@code #} or holds a line break, or the
     *                                  tokens are out of order (the message names the token's index)
     */
    public static Sentence of(List<String> comments, List<Token> tokens) {
        for (int i = 0; i < comments.size(); i++) {
            String problem = commentProblem(comments.get(i));
            if (problem != null) {
                throw new IllegalArgumentException("comment " + i + ": " + problem);
            }
        }
        SentenceChecker checker = new SentenceChecker();
        for (int i = 0; i < tokens.size(); i++) {
            try {
                checker.accept(tokens.get(i).id(), i);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("token " + i + ": " + e.getMessage(), e);
            }
        }
        try {
            checker.finish();
        } catch (IllegalArgumentException e) {
            String where = checker.hasPendingRange() ? "token " + checker.pendingRangeWhere() + ": " : "";
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
        return new Sentence(comments, tokens);
    }

    /** A sentence of words 1..n with the given forms, {@code _} in every other column, and the given comments. */
    public static Sentence ofForms(List<String> comments, List<String> forms) {
        List<Token> tokens = new ArrayList<>(forms.size());
        for (int i = 0; i < forms.size(); i++) {
            try {
                tokens.add(Token.word(i + 1, forms.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("form " + i + ": " + e.getMessage(), e);
            }
        }
        return of(comments, tokens);
    }

    /** Used by the reader, which has validated comments and tokens itself. */
    static Sentence trusted(List<String> comments, List<Token> tokens) {
        return new Sentence(comments, tokens);
    }

    /** Why a comment line is invalid, or null. */
    static String commentProblem(String line) {
        if (line == null || line.isEmpty() || line.charAt(0) != '#') {
            return "a comment line must start with '#'";
        }
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            return "a comment line must not contain a line break";
        }
        return null;
    }

    /** The comment lines, each with its leading {@code #}, in file order. */
    public List<String> comments() {
        return comments;
    }

    /** All token lines in file order: words, ranges and empty nodes. */
    public List<Token> tokens() {
        return tokens;
    }

    /** The syntactic words only (no multiword ranges, no empty nodes); word i+1 is at index i. */
    public List<Token> words() {
        return words;
    }

    /** The FORM of each word. */
    public List<String> forms() {
        List<String> out = new ArrayList<>(words.size());
        for (Token w : words) {
            out.add(w.form());
        }
        return List.copyOf(out);
    }

    /** The given tag column of each word. */
    public List<String> tags(TagColumn column) {
        List<String> out = new ArrayList<>(words.size());
        for (Token w : words) {
            out.add(column.of(w));
        }
        return List.copyOf(out);
    }

    /**
     * The value of a {@code # key = value} comment, e.g. {@code metadata("sent_id")}; empty if there is none.
     * The value has surrounding whitespace removed.
     */
    public Optional<String> metadata(String key) {
        for (String c : comments) {
            int i = 1;
            while (i < c.length() && c.charAt(i) == ' ') {
                i++;
            }
            if (!c.startsWith(key, i)) {
                continue;
            }
            int j = i + key.length();
            while (j < c.length() && c.charAt(j) == ' ') {
                j++;
            }
            if (j < c.length() && c.charAt(j) == '=') {
                return Optional.of(c.substring(j + 1).strip());
            }
        }
        return Optional.empty();
    }

    /** The {@code # sent_id} value, if any. */
    public Optional<String> sentId() {
        return metadata("sent_id");
    }

    /** The {@code # text} value, if any. */
    public Optional<String> text() {
        return metadata("text");
    }

    /**
     * This sentence with one tag column of the words replaced (ranges, empty nodes, comments and all other columns
     * unchanged).
     *
     * @param tags one tag per word: non-empty, without tabs or line breaks
     * @throws IllegalArgumentException if the count differs from {@link #words()} or a tag is invalid
     */
    public Sentence withTags(TagColumn column, List<String> tags) {
        if (tags.size() != words.size()) {
            throw new IllegalArgumentException("withTags(" + column + "): expected " + words.size()
                    + " tags, one per word, got " + tags.size());
        }
        List<Token> out = new ArrayList<>(tokens.size());
        int w = 0;
        for (Token t : tokens) {
            if (t.isWord()) {
                try {
                    out.add(t.withTag(column, tags.get(w)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("withTags(" + column + "): tag " + w + ": " + e.getMessage(),
                            e);
                }
                w++;
            } else {
                out.add(t);
            }
        }
        return new Sentence(comments, out);
    }

    /** This sentence with other comment lines (e.g. to add {@code # text}); tokens unchanged. */
    public Sentence withComments(List<String> newComments) {
        return of(newComments, tokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sentence s && comments.equals(s.comments) && tokens.equals(s.tokens);
    }

    @Override
    public int hashCode() {
        return 31 * comments.hashCode() + tokens.hashCode();
    }

    /** The sentence in CoNLL-U, as {@link ConlluWriter} writes it (ending with the blank line). */
    @Override
    public String toString() {
        return ConlluWriter.format(this);
    }
}
