package dev.elman.nlp.tagger;

import dev.elman.math.Activation;
import dev.elman.nlp.conllu.TagColumn;

/**
 * The tagger's architecture and features; immutable, validated by {@link Builder#build()}, which holds the defaults.
 *
 * @param column        which CoNLL-U column is tagged (UPOS or XPOS)
 * @param formDim       width of the word-form embedding
 * @param affixDim      width of each prefix and suffix embedding
 * @param shapeDim      width of the word-shape embedding
 * @param minFormCount  forms seen fewer times in training are unknown
 * @param minAffixCount affixes and shapes seen fewer times are unknown
 * @param wordDropout   α of word dropout: during training a form seen c times becomes unknown with probability
 *                      α/(α+c), so the unknown-word embedding is trained on rare words
 * @param inputDropout  probability of zeroing each input feature element during training (inverted dropout)
 * @param hiddenDropout probability of zeroing each element of every layer's output during training
 * @param hidden        H, per direction
 * @param layers        stacked Elman layers
 * @param bidirectional whether layers also read right to left
 * @param recurrent     false gives the seed's per-token feed-forward baseline (W held at 0)
 * @param activation    tanh or relu
 */
public record TaggerConfig(TagColumn column, int formDim, int affixDim, int shapeDim, int minFormCount,
                           int minAffixCount, double wordDropout, double inputDropout, double hiddenDropout, int hidden, int layers,
                           boolean bidirectional, boolean recurrent, Activation activation) {

    public TaggerConfig {
        check(column != null, "column must be set");
        check(formDim > 0 && affixDim >= 0 && shapeDim >= 0, "embedding widths must be positive (affix/shape may be 0)");
        check(minFormCount >= 1 && minAffixCount >= 1, "minimum counts must be at least 1");
        check(wordDropout >= 0, "wordDropout must be >= 0");
        check(inputDropout >= 0 && inputDropout < 1, "inputDropout must be in [0, 1)");
        check(hiddenDropout >= 0 && hiddenDropout < 1, "hiddenDropout must be in [0, 1)");
        check(hidden > 0 && layers > 0, "hidden and layers must be positive");
        check(activation != null, "activation must be set");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("TaggerConfig: " + message);
        }
    }

    /** Width of x(t): the concatenated feature embeddings. */
    public int inputWidth() {
        return formDim + (WordFeatures.PREFIXES + WordFeatures.SUFFIXES) * affixDim + shapeDim;
    }

    /** Width of feature kind {@code k}'s embedding. */
    public int featureDim(int k) {
        if (k == 0) {
            return formDim;
        }
        return k == WordFeatures.KINDS - 1 ? shapeDim : affixDim;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().column(column).formDim(formDim).affixDim(affixDim).shapeDim(shapeDim)
                .minFormCount(minFormCount).minAffixCount(minAffixCount).wordDropout(wordDropout)
                .inputDropout(inputDropout).hiddenDropout(hiddenDropout).hidden(hidden).layers(layers).bidirectional(bidirectional)
                .recurrent(recurrent).activation(activation);
    }

    /** Builder; its field initialisers are the tagger's defaults. */
    public static final class Builder {
        private TagColumn column = TagColumn.UPOS;
        private int formDim = 100;
        private int affixDim = 24;
        private int shapeDim = 16;
        private int minFormCount = 1;
        private int minAffixCount = 2;
        private double wordDropout = 0.25;
        private double inputDropout = 0.2;
        private double hiddenDropout = 0.3;
        private int hidden = 128;
        private int layers = 2;
        private boolean bidirectional = true;
        private boolean recurrent = true;
        private Activation activation = Activation.TANH;

        public Builder column(TagColumn v) {
            column = v;
            return this;
        }

        public Builder formDim(int v) {
            formDim = v;
            return this;
        }

        public Builder affixDim(int v) {
            affixDim = v;
            return this;
        }

        public Builder shapeDim(int v) {
            shapeDim = v;
            return this;
        }

        public Builder minFormCount(int v) {
            minFormCount = v;
            return this;
        }

        public Builder minAffixCount(int v) {
            minAffixCount = v;
            return this;
        }

        public Builder wordDropout(double v) {
            wordDropout = v;
            return this;
        }

        public Builder inputDropout(double v) {
            inputDropout = v;
            return this;
        }

        public Builder hiddenDropout(double v) {
            hiddenDropout = v;
            return this;
        }

        public Builder hidden(int v) {
            hidden = v;
            return this;
        }

        public Builder layers(int v) {
            layers = v;
            return this;
        }

        public Builder bidirectional(boolean v) {
            bidirectional = v;
            return this;
        }

        public Builder recurrent(boolean v) {
            recurrent = v;
            return this;
        }

        public Builder activation(Activation v) {
            activation = v;
            return this;
        }

        public TaggerConfig build() {
            return new TaggerConfig(column, formDim, affixDim, shapeDim, minFormCount, minAffixCount, wordDropout,
                    inputDropout, hiddenDropout, hidden, layers, bidirectional, recurrent, activation);
        }
    }
}
