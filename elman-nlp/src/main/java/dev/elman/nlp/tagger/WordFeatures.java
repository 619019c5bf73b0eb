package dev.elman.nlp.tagger;

import dev.elman.nlp.vocab.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tagger sees of a word: its normalised form (lower case, digits as 0), prefixes of 1–3 and suffixes of
 * 1–4 characters of that form, and its shape (e.g. {@code Xx}, {@code d.d}). The affixes and the shape are the
 * character-level information that carries rare and unknown words; each feature kind has its own vocabulary.
 */
public final class WordFeatures {
    /** Number of prefix features (lengths 1..PREFIXES). */
    public static final int PREFIXES = 3;
    /** Number of suffix features (lengths 1..SUFFIXES). */
    public static final int SUFFIXES = 4;
    /** Feature kinds per word: form, prefixes, suffixes, shape. */
    public static final int KINDS = 1 + PREFIXES + SUFFIXES + 1;
    /** Names of the feature kinds, in order (used in parameter names). */
    public static final List<String> KIND_NAMES = kindNames();

    private final List<Vocabulary> vocabularies;   // one per kind

    /** Features over the given vocabularies, one per kind in {@link #KIND_NAMES} order. */
    public WordFeatures(List<Vocabulary> vocabularies) {
        if (vocabularies.size() != KINDS) {
            throw new IllegalArgumentException("expected " + KINDS + " vocabularies, got " + vocabularies.size());
        }
        this.vocabularies = List.copyOf(vocabularies);
    }

    /** Collects the vocabularies from training sentences; strings seen fewer than the minimum counts are unknown. */
    public static WordFeatures build(Iterable<List<String>> sentences, int minFormCount, int minAffixCount) {
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int k = 0; k < KINDS; k++) {
            counts.add(new HashMap<>());
        }
        String[] strings = new String[KINDS];
        for (List<String> sentence : sentences) {
            for (String word : sentence) {
                strings(word, strings);
                for (int k = 0; k < KINDS; k++) {
                    counts.get(k).merge(strings[k], 1, Integer::sum);
                }
            }
        }
        List<Vocabulary> vocabs = new ArrayList<>();
        for (int k = 0; k < KINDS; k++) {
            vocabs.add(Vocabulary.fromCounts(counts.get(k), k == 0 ? minFormCount : minAffixCount));
        }
        return new WordFeatures(vocabs);
    }

    /** The vocabulary of feature kind {@code k}. */
    public Vocabulary vocabulary(int k) {
        return vocabularies.get(k);
    }

    /** Whether the word's normalised form has an id of its own (a "known" word). */
    public boolean isKnown(String word) {
        return vocabularies.get(0).contains(normalise(word));
    }

    /** Writes the {@link #KINDS} feature ids of {@code word} into {@code out[off..]}. */
    public void ids(String word, int[] out, int off) {
        String[] strings = new String[KINDS];
        strings(word, strings);
        for (int k = 0; k < KINDS; k++) {
            out[off + k] = vocabularies.get(k).id(strings[k]);
        }
    }

    /** Lower case with every digit replaced by 0. */
    public static String normalise(String word) {
        StringBuilder sb = new StringBuilder(word.length());
        word.codePoints().forEach(c -> sb.appendCodePoint(Character.isDigit(c) ? '0' : Character.toLowerCase(c)));
        return sb.toString();
    }

    /**
     * The shape: each character mapped to X (upper), x (lower), d (digit) or itself, runs of the same class
     * collapsed, e.g. {@code McDonald's → XxXx'x}, {@code 3.5 → d.d}; letters without case (CJK) map to c.
     */
    public static String shape(String word) {
        StringBuilder sb = new StringBuilder();
        int last = -1;
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            i += Character.charCount(c);
            int m = Character.isUpperCase(c) ? 'X' : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd'
                    : Character.isLetter(c) ? 'c' : c;
            if (m != last) {
                sb.appendCodePoint(m);
                last = m;
            }
        }
        return sb.toString();
    }

    private static void strings(String word, String[] out) {
        String form = normalise(word);
        out[0] = form;
        int[] cps = form.codePoints().toArray();
        for (int p = 1; p <= PREFIXES; p++) {
            out[p] = cps.length >= p ? new String(cps, 0, p) : "<" + form;
        }
        for (int s = 1; s <= SUFFIXES; s++) {
            out[PREFIXES + s] = cps.length >= s ? new String(cps, cps.length - s, s) : form + ">";
        }
        out[KINDS - 1] = shape(word);
    }

    private static List<String> kindNames() {
        List<String> names = new ArrayList<>();
        names.add("form");
        for (int p = 1; p <= PREFIXES; p++) {
            names.add("prefix" + p);
        }
        for (int s = 1; s <= SUFFIXES; s++) {
            names.add("suffix" + s);
        }
        names.add("shape");
        return List.copyOf(names);
    }
}
