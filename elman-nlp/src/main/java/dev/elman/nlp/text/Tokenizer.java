package dev.elman.nlp.text;

import java.util.List;

/** Splits text (typically one sentence) into tokens; tokens are non-empty and contain no whitespace. */
@FunctionalInterface
public interface Tokenizer {

    /** The tokens of the text, in order; empty for blank text. */
    List<String> tokenize(String text);
}
