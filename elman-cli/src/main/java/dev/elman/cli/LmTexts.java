package dev.elman.cli;

import dev.elman.nlp.lm.CharText;
import dev.elman.nlp.lm.CharVocabulary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** A text file for the language model as character ids, and its training/validation split. */
final class LmTexts {
    static final String DEFAULT_TEXT = "tinyshakespeare/input.txt";

    private final int[] ids;

    private LmTexts(int[] ids) {
        this.ids = ids;
    }

    /** The file's characters, or its first {@code maxChars} when that is positive. */
    static String read(Path file, int maxChars) throws IOException {
        String text = CharText.read(file);
        if (maxChars > 0 && text.codePointCount(0, text.length()) > maxChars) {
            text = text.substring(0, text.offsetByCodePoints(0, maxChars));
        }
        return text;
    }

    /** Encodes {@code text} (read from {@code file}); an unknown character is reported with its line and column. */
    static LmTexts of(Path file, String text, CharVocabulary vocab) {
        return new LmTexts(vocab.encode(text, file.toString()));
    }

    int length() {
        return ids.length;
    }

    int[] all() {
        return ids.clone();
    }

    /** The first part: all but the last {@code validFraction}. */
    int[] train(double validFraction) {
        return Arrays.copyOfRange(ids, 0, CharText.splitPoint(ids.length, validFraction));
    }

    /** The last {@code validFraction}. */
    int[] valid(double validFraction) {
        return Arrays.copyOfRange(ids, CharText.splitPoint(ids.length, validFraction), ids.length);
    }
}
