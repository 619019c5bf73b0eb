package dev.elman.nlp.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic rule-based tokenizer for raw English that approximates the word segmentation of UD English EWT
 * (v2.16), producing syntactic words (what EWT's word lines hold, not its multiword-token lines). The text given is
 * taken to be one sentence (see {@link EnglishSentenceSplitter}). On the {@code # text} of EWT dev it reproduces
 * the gold words of about 94% of the sentences; most of the rest are typos that EWT's annotators split.
 *
 * <p>The text is split at whitespace; each chunk is then split as follows:
 * <ol>
 *   <li>URLs ({@code http://}, {@code https://}, {@code ftp://}, {@code www.}), e-mail addresses and a few
 *       emoticons ({@code :)}) stay whole; only trailing punctuation is split off a URL.</li>
 *   <li>Opening brackets and quotes, {@code ` * ~} and a leading hyphen are split off the front ({@code -0.39 → -
 *       0.39} as in EWT), closing brackets and quotes and {@code , ; : ' - *} off the end, {@code %} after a digit
 *       too; a run of the same mark stays one token ({@code ''}, {@code --}). {@code $ € £ ¥ # @} before a digit is
 *       split off ({@code $5 → $ 5}).</li>
 *   <li>A final run of {@code . ! ? …} is one token ({@code ...}, {@code ?!}), except that a single period stays on
 *       an abbreviation: a listed one ({@code Mr. Dr. etc. vs. Inc.}), dotted letters ({@code U.S. e.g. a.m.}), or
 *       an initial ({@code J.}). At the very end of the text the period is split off even an abbreviation, as EWT
 *       does for the sentence's own punctuation ({@code in the U.S.} → {@code U.S .}).</li>
 *   <li>Inside, ellipses ({@code ..}, {@code …}), dash runs ({@code --}, {@code —}, {@code –}), brackets and
 *       semicolons separate tokens; so do commas except between digits ({@code 1,000} stays), and a slash between
 *       two letters runs of two or more ({@code and/or} splits, {@code b/c} and {@code 1/2} stay). Periods inside
 *       stay ({@code 3.5}, {@code google.com}).</li>
 *   <li>A number glued to a unit splits ({@code 5pm → 5 pm}, {@code 65k → 65 k}; not {@code 29th}).</li>
 *   <li>Clitics become their own words as in EWT: {@code n't} ({@code can't → ca n't}, {@code don't → do n't},
 *       {@code won't → wo n't}), {@code 's 'm 're 've 'll 'd} after a letter ({@code I'm → I 'm}),
 *       {@code cannot → can not}, {@code gonna → gon na}, {@code wanna → wan na}, {@code gotta → got ta}, and a few
 *       unambiguous forms without apostrophe ({@code dont → do nt}, {@code im → i m}). Curly apostrophes count.</li>
 *   <li>Hyphens: {@link #ewt()} splits them as EWT v2.16 does, between letters or between a letter and a digit
 *       ({@code well-known → well - known}, {@code F-16 → F - 16}) except after a listed prefix ({@code e-mail},
 *       {@code co-workers}, {@code non-stop}), and in a numeric range with one hyphen ({@code 1969-1970 → 1969 -
 *       1970}) except a phone number ({@code 853-3242}, {@code 713-654-0365}). {@link #keepingHyphens()} keeps all
 *       hyphenated words whole, as older EWT releases did.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class EnglishTokenizer implements Tokenizer {

    private static final String OPENING = "([{\"“‘«<`*~";
    private static final String CLOSING = ")]}\"”’»>*,;:'-";
    private static final String TERMINAL = ".!?…";
    private static final String SYMBOLS = "$€£¥#@";

    private static final Set<String> EMOTICONS = Set.of(":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P",
            ":-P", ":p", ":/", ":o", ":O", "<3", "^_^", "XD");

    private static final Set<String> CLITICS = Set.of("n't", "'s", "'m", "'re", "'ve", "'ll", "'d");

    /** Lower-cased forms split at a fixed position (the length of the first part). */
    private static final Map<String, Integer> SPLITS = Map.ofEntries(
            Map.entry("cannot", 3), Map.entry("gonna", 3), Map.entry("wanna", 3), Map.entry("gotta", 3),
            Map.entry("dont", 2), Map.entry("doesnt", 4), Map.entry("didnt", 3), Map.entry("cant", 2),
            Map.entry("wont", 2), Map.entry("couldnt", 5), Map.entry("wouldnt", 5), Map.entry("shouldnt", 6),
            Map.entry("isnt", 2), Map.entry("wasnt", 3), Map.entry("arent", 3), Map.entry("werent", 4),
            Map.entry("havent", 4), Map.entry("hasnt", 3), Map.entry("hadnt", 3), Map.entry("aint", 2),
            Map.entry("im", 1), Map.entry("ive", 1), Map.entry("youre", 3), Map.entry("theyre", 4),
            Map.entry("thats", 4));

    /** Prefixes that EWT keeps attached by their hyphen (lower case). */
    private static final Set<String> HYPHEN_PREFIXES = Set.of("e", "x", "non", "mid", "pre", "anti", "re", "post",
            "co", "over", "pro", "multi", "ex", "sub", "semi", "neo", "cross", "inter", "intra", "micro", "mini",
            "counter", "pseudo", "ultra", "un", "bi", "tri", "socio", "psycho");

    /** A number directly followed by a unit, which EWT splits off ({@code 5pm → 5 pm}, {@code 65k → 65 k}). */
    private static final Pattern NUMBER_UNIT = Pattern.compile(
            "(?i)(\\d[\\d.,:]*)(am|pm|k|m|kg|km|cm|mm|ft|lbs?|oz|kb|mb|gb|tb|mph|mw|mwh|hrs?|mins?)");

    private static final Pattern URL_OR_EMAIL = Pattern.compile(
            "(?i)(?:(?:https?|ftp)://|www\\.)\\S+|[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)+");

    private final boolean splitHyphens;

    private EnglishTokenizer(boolean splitHyphens) {
        this.splitHyphens = splitHyphens;
    }

    /** The EWT v2.16 style: hyphenated words split ({@code well - known}) except after common prefixes. */
    public static EnglishTokenizer ewt() {
        return new EnglishTokenizer(true);
    }

    /** As {@link #ewt()}, but hyphenated words stay whole ({@code well-known}), as in older EWT releases. */
    public static EnglishTokenizer keepingHyphens() {
        return new EnglishTokenizer(false);
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        List<String> chunks = WhitespaceTokenizer.INSTANCE.tokenize(text);
        for (int i = 0; i < chunks.size(); i++) {
            chunk(chunks.get(i), i == chunks.size() - 1, out);
        }
        return out;
    }

    /** Tokenizes one whitespace-free chunk; textEnd if it ends the text. */
    private void chunk(String s, boolean textEnd, List<String> out) {
        if (EMOTICONS.contains(s) || CLITICS.contains(normalize(s))) {
            out.add(s);
            return;
        }
        int b = 0;
        int e = s.length();
        b = peelLeading(s, b, e, out);
        if (b == e) {
            return;
        }
        int urlEnd = urlEnd(s, b, e);
        if (urlEnd > 0) {
            out.add(s.substring(b, urlEnd));
            if (urlEnd < e) {
                chunk(s.substring(urlEnd, e), false, out);
            }
            return;
        }
        List<String> suffix = new ArrayList<>();
        e = peelTrailing(s, b, e, textEnd, suffix);
        inner(s.substring(b, e), out);
        for (int i = suffix.size() - 1; i >= 0; i--) {
            out.add(suffix.get(i));
        }
    }

    /** Splits opening marks off s[b, e) into out; returns the new start. */
    private static int peelLeading(String s, int b, int e, List<String> out) {
        while (b < e) {
            char c = s.charAt(b);
            char next = b + 1 < e ? s.charAt(b + 1) : 0;
            if (OPENING.indexOf(c) >= 0 || isApostrophe(c) && !Character.isDigit(next)
                    && !CLITICS.contains(normalize(s.substring(b, e)))) {
                int r = run(s, b, e);
                out.add(s.substring(b, r));
                b = r;
            } else if (SYMBOLS.indexOf(c) >= 0 && Character.isDigit(next)) {
                out.add(String.valueOf(c));
                b++;
            } else if (c == '-' && b + 1 < e) {
                int r = run(s, b, e);
                out.add(s.substring(b, r));
                b = r;
            } else {
                break;
            }
        }
        return b;
    }

    /**
     * Splits closing marks off s[b, e) into suffix (last first); returns the new end. A period ending the text is
     * split off even an abbreviation, as the sentence's own punctuation.
     */
    private static int peelTrailing(String s, int b, int e, boolean textEnd, List<String> suffix) {
        int end = e;
        while (e > b) {
            char c = s.charAt(e - 1);
            int r = e;
            if (TERMINAL.indexOf(c) >= 0) {
                while (r > b && TERMINAL.indexOf(s.charAt(r - 1)) >= 0) {
                    r--;
                }
                boolean lastOfText = textEnd && e == end;
                if (r == b || e - r == 1 && c == '.' && !lastOfText
                        && Abbreviations.isAbbreviation(s.substring(b, e))) {
                    break;
                }
                if (e - r == 2 && c == '.' && s.charAt(r) == '.'
                        && Abbreviations.isAbbreviation(s.substring(b, e - 1))) {
                    r = e - 1; // "U.S.." is the abbreviation and a period
                }
            } else if (CLOSING.indexOf(c) >= 0) {
                r = e - 1;
                while (r > b && s.charAt(r - 1) == c) {
                    r--;
                }
                if (r == b) {
                    break;
                }
            } else if (c == '%' && e - 1 > b && Character.isDigit(s.charAt(e - 2))) {
                r = e - 1;
            } else {
                break;
            }
            suffix.add(s.substring(r, e));
            e = r;
        }
        return e;
    }

    /** The end of a URL or e-mail address starting at b (trailing punctuation excluded), or -1. */
    private static int urlEnd(String s, int b, int e) {
        int end = e;
        while (end > b) {
            char c = s.charAt(end - 1);
            boolean unbalanced = c == ')' && s.lastIndexOf('(', end - 1) < b;
            if (".,;:!?'\"”’]}>".indexOf(c) >= 0 || unbalanced) {
                end--;
            } else {
                break;
            }
        }
        return end > b && URL_OR_EMAIL.matcher(s).region(b, end).matches() ? end : -1;
    }

    /** Splits a chunk without outer punctuation at inner separators, then into words. */
    private void inner(String s, List<String> out) {
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            int sep = separatorEnd(s, i);
            if (sep > i) {
                if (i > start) {
                    chunk(s.substring(start, i), false, out);
                }
                out.add(s.substring(i, sep));
                start = sep;
                i = sep - 1;
            }
        }
        if (start == 0) {
            words(s, out);
        } else if (start < n) {
            chunk(s.substring(start), false, out);
        }
    }

    /** The end of a separator token starting at i, or i if none starts there. */
    private static int separatorEnd(String s, int i) {
        int n = s.length();
        char c = s.charAt(i);
        char prev = i > 0 ? s.charAt(i - 1) : 0;
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        if (c == '.' && next == '.' || c == '-' && next == '-' || c == '…' || c == '—' || c == '–') {
            return run(s, i, n);
        }
        if (c == '(' || c == ')' || c == '[' || c == ']') {
            return i + 1;
        }
        if (c == ';' || c == ',' && !(Character.isDigit(prev) && Character.isDigit(next))) {
            return i + 1;
        }
        if (c == '/' && letters(s, i, -1) >= 2 && letters(s, i, 1) >= 2) {
            return i + 1;
        }
        return i;
    }

    /** How many letters directly precede (dir -1) or follow (dir 1) position i. */
    private static int letters(String s, int i, int dir) {
        int k = i + dir;
        int count = 0;
        while (k >= 0 && k < s.length() && Character.isLetter(s.charAt(k))) {
            k += dir;
            count++;
        }
        return count;
    }

    /** Splits clitics and (for EWT style) hyphens off a word. */
    private void words(String w, List<String> out) {
        String lower = normalize(w);
        Matcher unit = NUMBER_UNIT.matcher(w);
        if (unit.matches()) {
            out.add(unit.group(1));
            out.add(unit.group(2));
            return;
        }
        Integer at = SPLITS.get(lower);
        if (at != null) {
            hyphens(w.substring(0, at), out);
            out.add(w.substring(at));
            return;
        }
        for (String clitic : CLITICS) {
            int k = w.length() - clitic.length();
            if (k > 0 && lower.endsWith(clitic) && Character.isLetter(w.charAt(k - 1))) {
                hyphens(w.substring(0, k), out);
                out.add(w.substring(k));
                return;
            }
        }
        hyphens(w, out);
    }

    /** Splits a word at hyphens between letters, unless keeping them or after a prefix. */
    private void hyphens(String w, List<String> out) {
        int start = 0;
        boolean oneHyphen = w.indexOf('-') >= 0 && w.indexOf('-') == w.lastIndexOf('-');
        if (splitHyphens) {
            for (int i = 1; i < w.length() - 1; i++) {
                char prev = w.charAt(i - 1);
                char next = w.charAt(i + 1);
                boolean split = Character.isLetter(prev) && Character.isLetterOrDigit(next)
                        || Character.isDigit(prev) && (Character.isLetter(next)
                        || oneHyphen && Character.isDigit(next) && !isPhoneNumber(w, i));
                if (w.charAt(i) == '-' && split
                        && !(start == 0 && HYPHEN_PREFIXES.contains(w.substring(0, i).toLowerCase(Locale.ROOT)))) {
                    out.add(w.substring(start, i));
                    out.add("-");
                    start = i + 1;
                }
            }
        }
        out.add(w.substring(start));
    }

    /** Whether w, with its only hyphen at i, looks like a phone number (853-3242), not a range (1969-1970, 1-2). */
    private static boolean isPhoneNumber(String w, int i) {
        return w.length() - i - 1 == 4 && i != 4 && w.chars().allMatch(c -> c == '-' || c >= '0' && c <= '9');
    }

    /** The end of the run of the character at b within s[b, e). */
    private static int run(String s, int b, int e) {
        char c = s.charAt(b);
        int r = b + 1;
        while (r < e && s.charAt(r) == c) {
            r++;
        }
        return r;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '’' || c == '‘';
    }

    /** Lower case with curly apostrophes made straight, for matching clitics. */
    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace('’', '\'');
    }
}
