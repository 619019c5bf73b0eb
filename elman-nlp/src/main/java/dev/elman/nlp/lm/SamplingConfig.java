package dev.elman.nlp.lm;

/**
 * How to draw the next character from a {@link Prediction}.
 *
 * @param temperature divides the logits before the softmax: below 1 sharpens, above 1 flattens; 0 always takes the
 *                    most probable character (arg max, no randomness)
 * @param topK        draw only among the k most probable characters (0 = all)
 */
public record SamplingConfig(double temperature, int topK) {

    /** Validates the fields. */
    public SamplingConfig {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0 (0 = no limit), got " + topK);
        }
    }

    /** Plain sampling from ŷ: temperature 1, no top-k limit. */
    public static SamplingConfig plain() {
        return new SamplingConfig(1.0, 0);
    }

    /** Whether no randomness is involved (temperature 0 or top-k 1). */
    public boolean greedy() {
        return temperature == 0 || topK == 1;
    }
}
