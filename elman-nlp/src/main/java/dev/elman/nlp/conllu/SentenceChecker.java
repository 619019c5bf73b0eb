package dev.elman.nlp.conllu;

/**
 * Checks the order of the token lines of one sentence as they arrive: words numbered 1, 2, 3, ...; a range
 * {@code a-b} right before word a and covered by the words that follow; empty nodes {@code n.1, n.2, ...} right after
 * word n. Not thread-safe; one per sentence being read.
 */
final class SentenceChecker {
    private int nextWord = 1;
    private int lastEmptyMajor = -1;
    private int lastEmptyMinor;
    private TokenId pendingRange;
    private long pendingRangeWhere;
    private int words;

    /**
     * Checks the next token.
     *
     * @param where the caller's position of this token (a line number or an index), kept for a later range error
     * @throws IllegalArgumentException naming the problem
     */
    void accept(TokenId id, long where) {
        switch (id.kind()) {
            case WORD -> acceptWord(id);
            case RANGE -> acceptRange(id, where);
            case EMPTY -> acceptEmpty(id);
        }
    }

    private void acceptWord(TokenId id) {
        if (id.first() != nextWord) {
            String range = pendingRange == null ? "" : " (inside range " + pendingRange + ")";
            throw new IllegalArgumentException("word ID " + id + " out of order, expected " + nextWord + range);
        }
        if (pendingRange != null && id.first() == pendingRange.second()) {
            pendingRange = null;
        }
        nextWord++;
        words++;
    }

    private void acceptRange(TokenId id, long where) {
        if (pendingRange != null) {
            throw new IllegalArgumentException("range " + id + " starts inside range " + pendingRange);
        }
        if (id.first() != nextWord) {
            throw new IllegalArgumentException("range " + id + " does not match the following words: expected a range"
                    + " starting at word " + nextWord);
        }
        pendingRange = id;
        pendingRangeWhere = where;
    }

    private void acceptEmpty(TokenId id) {
        if (pendingRange != null && pendingRange.first() == nextWord) {
            throw new IllegalArgumentException("empty node " + id + " between range " + pendingRange
                    + " and its first word");
        }
        if (id.first() != nextWord - 1) {
            throw new IllegalArgumentException("empty node " + id + " out of order: it must follow word " + id.first()
                    + ", but the last word was " + (nextWord - 1));
        }
        int expected = lastEmptyMajor == id.first() ? lastEmptyMinor + 1 : 1;
        if (id.second() != expected) {
            throw new IllegalArgumentException("empty node " + id + " out of order, expected " + id.first() + "."
                    + expected);
        }
        lastEmptyMajor = id.first();
        lastEmptyMinor = id.second();
    }

    /**
     * Checks the end of the sentence.
     *
     * @throws IllegalArgumentException if a range is not covered by words or there are no words;
     *                                  {@link #pendingRangeWhere()} then tells where the range was
     */
    void finish() {
        if (pendingRange != null) {
            throw new IllegalArgumentException("range " + pendingRange + " does not match the following words:"
                    + " the sentence ends after word " + (nextWord - 1));
        }
        if (words == 0) {
            throw new IllegalArgumentException("sentence has no words");
        }
    }

    /** Whether {@link #finish()} would fail because of an unfinished range. */
    boolean hasPendingRange() {
        return pendingRange != null;
    }

    /** The position given with the unfinished range. */
    long pendingRangeWhere() {
        return pendingRangeWhere;
    }
}
