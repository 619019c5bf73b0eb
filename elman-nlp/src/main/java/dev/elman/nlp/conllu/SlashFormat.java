package dev.elman.nlp.conllu;

import java.util.ArrayList;
import java.util.List;

/**
 * The one-line "slash" format of tagged text: {@code 我/PRON 吃/VERB 苹果/NOUN}, items separated by one space,
 * each item the form, a slash and the tag.
 *
 * <p>Unambiguous by construction: the tag is what follows the <em>last</em> slash of an item, so forms may contain
 * slashes ({@code and/or/CCONJ} is form {@code and/or}); tags may contain neither slashes nor whitespace (rejected).
 * Whitespace inside a form would split the item, so each whitespace character of a form (per
 * {@link Character#isWhitespace} or {@link Character#isSpaceChar}, so including no-break spaces) is written as
 * {@code _}; that is the only lossy case.
 */
public final class SlashFormat {
    /** What whitespace inside a form is written as. */
    public static final char SPACE_REPLACEMENT = '_';

    private SlashFormat() {
    }

    /**
     * One sentence as a line (without line terminator).
     *
     * @throws IllegalArgumentException if the counts differ, a form is empty, or a tag is empty or holds a slash or
     *                                  whitespace
     */
    public static String format(List<String> forms, List<String> tags) {
        if (forms.size() != tags.size()) {
            throw new IllegalArgumentException("slash format: " + forms.size() + " forms but " + tags.size()
                    + " tags");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < forms.size(); i++) {
            String form = forms.get(i);
            String tag = tags.get(i);
            if (form == null || form.isEmpty()) {
                throw new IllegalArgumentException("slash format: form " + i + " is empty");
            }
            checkTag(tag, i);
            if (i > 0) {
                sb.append(' ');
            }
            for (int k = 0; k < form.length(); k++) {
                char c = form.charAt(k);
                sb.append(isSpace(c) ? SPACE_REPLACEMENT : c);
            }
            sb.append('/').append(tag);
        }
        return sb.toString();
    }

    /** The words of a sentence with the given tag column, as a line. */
    public static String format(Sentence sentence, TagColumn column) {
        return format(sentence.forms(), sentence.tags(column));
    }

    private static void checkTag(String tag, int i) {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("slash format: tag " + i + " is empty");
        }
        for (int k = 0; k < tag.length(); k++) {
            char c = tag.charAt(k);
            if (c == '/' || isSpace(c)) {
                throw new IllegalArgumentException("slash format: tag " + i + " '" + tag
                        + "' contains a slash or whitespace");
            }
        }
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** A form and its tag, as parsed from a line. */
    public record Item(String form, String tag) {
    }

    /**
     * Parses a line written by {@link #format}: items split at runs of whitespace, each split at its last slash.
     *
     * @throws IllegalArgumentException naming the 1-based item that has no slash, or an empty form or tag
     */
    public static List<Item> parse(String line) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(line.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            String item = line.substring(start, i);
            int slash = item.lastIndexOf('/');
            if (slash <= 0 || slash == item.length() - 1) {
                throw new IllegalArgumentException("slash format: item " + (items.size() + 1) + " '" + item
                        + "' is not form/TAG");
            }
            items.add(new Item(item.substring(0, slash), item.substring(slash + 1)));
        }
        return items;
    }
}
