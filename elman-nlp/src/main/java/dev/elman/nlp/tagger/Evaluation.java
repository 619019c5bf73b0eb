package dev.elman.nlp.tagger;

import dev.elman.nlp.vocab.Vocabulary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tagging accuracy against gold tags: overall, on known and on unknown words (forms absent from the training
 * vocabulary), per-tag precision, recall and F1, and the confusion matrix.
 */
public final class Evaluation {
    private final List<String> tags;
    private final long[][] confusion;   // [gold][predicted]; an index of tags.size() is a tag the model lacks
    private long known;
    private long knownCorrect;
    private long unknown;
    private long unknownCorrect;

    /** An empty tally over the given tag set (gold tags outside it are counted under an extra "other" row). */
    public Evaluation(Vocabulary tagSet) {
        this.tags = new ArrayList<>(tagSet.entries());
        this.confusion = new long[tags.size() + 1][tags.size() + 1];
    }

    /** Counts one token. {@code gold} is -1 for a gold tag outside the tag set. */
    public void add(int gold, int predicted, boolean knownWord) {
        int g = gold < 0 ? tags.size() : gold;
        confusion[g][predicted]++;
        boolean ok = gold == predicted;
        if (knownWord) {
            known++;
            knownCorrect += ok ? 1 : 0;
        } else {
            unknown++;
            unknownCorrect += ok ? 1 : 0;
        }
    }

    /** Number of tokens counted. */
    public long tokens() {
        return known + unknown;
    }

    /** Fraction of tokens tagged correctly. */
    public double accuracy() {
        return ratio(knownCorrect + unknownCorrect, known + unknown);
    }

    public double knownAccuracy() {
        return ratio(knownCorrect, known);
    }

    public double unknownAccuracy() {
        return ratio(unknownCorrect, unknown);
    }

    public long unknownTokens() {
        return unknown;
    }

    /** Precision, recall, F1 and gold count of each tag, in tag-set order. */
    public Map<String, double[]> perTag() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int t = 0; t < tags.size(); t++) {
            long tp = confusion[t][t];
            long goldCount = 0;
            long predCount = 0;
            for (int o = 0; o <= tags.size(); o++) {
                goldCount += confusion[t][o];
                predCount += confusion[o][t];
            }
            double p = ratio(tp, predCount);
            double r = ratio(tp, goldCount);
            double f = p + r == 0 || Double.isNaN(p) || Double.isNaN(r) ? 0 : 2 * p * r / (p + r);
            out.put(tags.get(t), new double[]{p, r, f, goldCount});
        }
        return out;
    }

    /** The tag names, rows and columns of {@link #confusion()} (plus "other" for unseen gold tags). */
    public List<String> labels() {
        List<String> l = new ArrayList<>(tags);
        l.add("<other>");
        return l;
    }

    /** A copy of the confusion matrix, [gold][predicted]. */
    public long[][] confusion() {
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
