package dev.elman.nlp.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A simple rule-based English sentence splitter. A sentence ends after a run of {@code . ! ? …} (and any closing
 * quotes or brackets right after it) that is followed by whitespace and then, past any opening quotes or brackets,
 * an upper-case letter; or at the end of the text. A single period does not end a sentence after an abbreviation
 * ({@code Mr. Dr. e.g. etc. U.S.}) or an initial ({@code J. Smith}), so a sentence that really ends with one is
 * joined to the next. Stateless and thread-safe.
 */
public final class EnglishSentenceSplitter implements SentenceSplitter {

    /** The shared instance. */
    public static final EnglishSentenceSplitter INSTANCE = new EnglishSentenceSplitter();

    private static final String TERMINAL = ".!?…";
    private static final String CLOSING = ")]}\"'”’»";
    private static final String OPENING = "([{\"'“‘«";

    private EnglishSentenceSplitter() {
    }

    @Override
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            if (TERMINAL.indexOf(text.charAt(i)) < 0) {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < n && TERMINAL.indexOf(text.charAt(runEnd)) >= 0) {
                runEnd++;
            }
            int end = runEnd;
            while (end < n && CLOSING.indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            if (endsSentence(text, i, runEnd, end)) {
                add(out, text.substring(start, end));
                start = end;
            }
            i = end;
        }
        add(out, text.substring(start));
        return out;
    }

    /** Whether the terminal run text[i, runEnd), followed by closing marks up to end, ends a sentence. */
    private static boolean endsSentence(String text, int i, int runEnd, int end) {
        int n = text.length();
        if (end < n && !WhitespaceTokenizer.isSpace(text.charAt(end))) {
            return false;
        }
        int k = end;
        while (k < n && WhitespaceTokenizer.isSpace(text.charAt(k))) {
            k++;
        }
        while (k < n && OPENING.indexOf(text.charAt(k)) >= 0) {
            k++;
        }
        if (k < n && !Character.isUpperCase(text.charAt(k)) && !Character.isTitleCase(text.charAt(k))) {
            return false;
        }
        if (runEnd - i == 1 && text.charAt(i) == '.') {
            int w = i;
            while (w > 0 && !WhitespaceTokenizer.isSpace(text.charAt(w - 1))) {
                w--;
            }
            while (w < i && OPENING.indexOf(text.charAt(w)) >= 0) {
                w++;
            }
            return !Abbreviations.isAbbreviation(text.substring(w, i + 1));
        }
        return true;
    }

    private static void add(List<String> out, String sentence) {
        if (!sentence.isBlank()) {
            out.add(sentence.strip());
        }
    }
}
