package dev.elman.nlp.text;

import java.util.List;

/** Splits a piece of text (e.g. one line or paragraph) into sentences. */
@FunctionalInterface
public interface SentenceSplitter {

    /** The sentences of the text, in order, each stripped of surrounding whitespace and non-blank. */
    List<String> split(String text);

    /** A splitter that takes the whole (stripped) text as one sentence, for one-sentence-per-line input. */
    static SentenceSplitter wholeText() {
        return text -> text.isBlank() ? List.of() : List.of(text.strip());
    }
}
