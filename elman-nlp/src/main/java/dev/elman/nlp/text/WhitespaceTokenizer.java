package dev.elman.nlp.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokens are the maximal runs of non-space characters, for pre-segmented text (e.g. Chinese written with spaces
 * between words). Spaces are {@link Character#isWhitespace} or {@link Character#isSpaceChar} characters, so
 * no-break and ideographic spaces separate tokens too. Stateless and thread-safe.
 */
public final class WhitespaceTokenizer implements Tokenizer {

    /** The shared instance. */
    public static final WhitespaceTokenizer INSTANCE = new WhitespaceTokenizer();

    private WhitespaceTokenizer() {
    }

    /** Whether the character separates tokens. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out;
    }
}
