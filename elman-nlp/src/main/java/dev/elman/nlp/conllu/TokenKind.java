package dev.elman.nlp.conllu;

/** The three kinds of CoNLL-U token lines, told apart by their ID column. */
public enum TokenKind {
    /** A syntactic word, ID {@code 3}. */
    WORD,
    /** A multiword token spanning words, ID {@code 3-4}; its words follow it. */
    RANGE,
    /** An empty node of the enhanced graph, ID {@code 5.1}; it follows word 5. */
    EMPTY
}
