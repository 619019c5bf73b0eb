package dev.elman.nlp.conllu;

/** The two part-of-speech columns of CoNLL-U. */
public enum TagColumn {
    /** Column 4: the universal part-of-speech tag (17 tags). */
    UPOS,
    /** Column 5: the language-specific tag (Penn Treebank tags for English). */
    XPOS;

    /** This column's value in the given token. */
    public String of(Token token) {
        return this == UPOS ? token.upos() : token.xpos();
    }
}
