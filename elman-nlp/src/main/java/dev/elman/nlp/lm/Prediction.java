package dev.elman.nlp.lm;

/**
 * A distribution over the next character: ŷ = softmax(o) of one step. Immutable.
 */
public final class Prediction {
    private final float[] logits;   // owned, never written after construction
    private final double logNormalizer;

    /** Takes ownership of {@code logits}. */
    Prediction(float[] logits) {
        this.logits = logits;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        this.logNormalizer = max + Math.log(sum);
    }

    /** Number of characters. */
    public int size() {
        return logits.length;
    }

    /** The logit o_i. */
    public float logit(int id) {
        return logits[id];
    }

    /** log ŷ_i (natural log). */
    public double logProbability(int id) {
        return logits[id] - logNormalizer;
    }

    /** ŷ_i. */
    public double probability(int id) {
        return Math.exp(logits[id] - logNormalizer);
    }

    /** Every ŷ_i, as a new array. */
    public double[] probabilities() {
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = probability(i);
        }
        return p;
    }

    /** The most probable id (the lowest among ties). */
    public int argmax() {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
