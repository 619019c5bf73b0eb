package dev.elman.nlp.tagger;

import dev.elman.nn.Packing;

import java.util.List;

/**
 * Sentences turned into feature ids in the packed layout: {@link WordFeatures#KINDS} ids per token, and tag ids
 * (or null when untagged).
 */
public final class EncodedBatch {
    private final Packing packing;
    private final int[] featureIds;   // N × KINDS
    private final int[] tags;         // N, or null

    private EncodedBatch(Packing packing, int[] featureIds, int[] tags) {
        this.packing = packing;
        this.featureIds = featureIds;
        this.tags = tags;
    }

    /** Encodes sentences (lists of word forms) with optional tag ids per word. */
    public static EncodedBatch encode(WordFeatures features, List<List<String>> sentences, List<int[]> tagIds) {
        int[] lengths = new int[sentences.size()];
        for (int s = 0; s < lengths.length; s++) {
            lengths[s] = sentences.get(s).size();
        }
        Packing p = Packing.of(lengths);
        int[] ids = new int[p.totalRows() * WordFeatures.KINDS];
        int[] tags = tagIds == null ? null : new int[p.totalRows()];
        for (int s = 0; s < lengths.length; s++) {
            List<String> words = sentences.get(s);
            if (tags != null && tagIds.get(s).length != lengths[s]) {
                throw new IllegalArgumentException("sentence " + s + ": " + lengths[s] + " words but "
                        + tagIds.get(s).length + " tags");
            }
            for (int t = 0; t < lengths[s]; t++) {
                int row = p.row(s, t);
                features.ids(words.get(t), ids, row * WordFeatures.KINDS);
                if (tags != null) {
                    tags[row] = tagIds.get(s)[t];
                }
            }
        }
        return new EncodedBatch(p, ids, tags);
    }

    /** Assembles a batch from sentences already turned into feature ids ({@link #encodeSentence}). */
    public static EncodedBatch of(List<int[]> featureIds, List<int[]> tagIds) {
        int k = WordFeatures.KINDS;
        int[] lengths = new int[featureIds.size()];
        for (int s = 0; s < lengths.length; s++) {
            lengths[s] = featureIds.get(s).length / k;
        }
        Packing p = Packing.of(lengths);
        int[] ids = new int[p.totalRows() * k];
        int[] tags = tagIds == null ? null : new int[p.totalRows()];
        for (int s = 0; s < lengths.length; s++) {
            for (int t = 0; t < lengths[s]; t++) {
                int row = p.row(s, t);
                System.arraycopy(featureIds.get(s), t * k, ids, row * k, k);
                if (tags != null) {
                    tags[row] = tagIds.get(s)[t];
                }
            }
        }
        return new EncodedBatch(p, ids, tags);
    }

    /** The feature ids of one sentence, {@link WordFeatures#KINDS} per word. */
    public static int[] encodeSentence(WordFeatures features, List<String> words) {
        int[] ids = new int[words.size() * WordFeatures.KINDS];
        for (int t = 0; t < words.size(); t++) {
            features.ids(words.get(t), ids, t * WordFeatures.KINDS);
        }
        return ids;
    }

    public Packing packing() {
        return packing;
    }

    /** Packed feature ids, {@link WordFeatures#KINDS} per row (live array; do not modify). */
    int[] featureIds() {
        return featureIds;
    }

    /** Packed tag ids (live array; do not modify), or null. */
    int[] tags() {
        return tags;
    }

    /** Number of tokens. */
    public int tokens() {
        return packing.totalRows();
    }
}
