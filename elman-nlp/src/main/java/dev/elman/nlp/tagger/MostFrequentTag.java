package dev.elman.nlp.tagger;

import dev.elman.nlp.vocab.Vocabulary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most-frequent-tag baseline: each training word form gets the tag it carried most often in training
 * (ties: the alphabetically first tag); unseen forms get the most frequent tag overall.
 */
public final class MostFrequentTag {
    private final Map<String, String> lexicon;
    private final String fallback;

    private MostFrequentTag(Map<String, String> lexicon, String fallback) {
        this.lexicon = lexicon;
        this.fallback = fallback;
    }

    /** Counts tags per form in {@code train}. */
    public static MostFrequentTag fit(TaggedCorpus train) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        Map<String, Integer> overall = new HashMap<>();
        for (int s = 0; s < train.size(); s++) {
            List<String> words = train.sentences().get(s);
            for (int t = 0; t < words.size(); t++) {
                String tag = train.tags().get(s).get(t);
                counts.computeIfAbsent(words.get(t), w -> new java.util.LinkedHashMap<>()).merge(tag, 1, Integer::sum);
                overall.merge(tag, 1, Integer::sum);
            }
        }
        Map<String, String> lexicon = new HashMap<>();
        counts.forEach((w, c) -> lexicon.put(w, argmax(c)));
        return new MostFrequentTag(lexicon, argmax(overall));
    }

    private static String argmax(Map<String, Integer> counts) {
        String best = null;
        int max = -1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > max || (e.getValue() == max && e.getKey().compareTo(best) < 0)) {
                max = e.getValue();
                best = e.getKey();
            }
        }
        return best;
    }

    /** The baseline's tag for a word. */
    public String tag(String word) {
        return lexicon.getOrDefault(word, fallback);
    }

    /** Tallies the baseline on {@code gold}, split into known and unknown words as {@code features} decides. */
    public Evaluation evaluate(TaggedCorpus gold, Vocabulary tagSet, WordFeatures features) {
        Evaluation e = new Evaluation(tagSet);
        for (int s = 0; s < gold.size(); s++) {
            List<String> words = gold.sentences().get(s);
            for (int t = 0; t < words.size(); t++) {
                String g = gold.tags().get(s).get(t);
                String p = tag(words.get(t));
                int goldId = tagSet.contains(g) ? tagSet.id(g) : -1;
                int predId = tagSet.contains(p) ? tagSet.id(p) : 0;
                e.add(goldId, predId, features.isKnown(words.get(t)));
            }
        }
        return e;
    }
}
