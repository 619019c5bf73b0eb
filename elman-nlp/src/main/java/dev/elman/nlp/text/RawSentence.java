package dev.elman.nlp.text;

import java.util.List;

/**
 * One sentence of raw text, as read by {@link RawTextReader}.
 *
 * @param text           the sentence's text as it appeared in the line, stripped
 * @param tokens         its tokens (non-empty, none blank or holding whitespace)
 * @param line           the 1-based number of the line it came from
 * @param paragraphStart whether it is the first sentence of the input or of a paragraph (after a blank line)
 */
public record RawSentence(String text, List<String> tokens, long line, boolean paragraphStart) {

    /** Copies the token list. */
    public RawSentence {
        tokens = List.copyOf(tokens);
    }
}
