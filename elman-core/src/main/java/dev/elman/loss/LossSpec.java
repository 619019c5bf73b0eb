package dev.elman.loss;

/**
 * Softmax cross-entropy settings: L = Σ_t −log ŷ(t)[y(t)] (or its mean) over labelled positions.
 *
 * @param reduction   sum (the seed's) or mean over labelled tokens
 * @param ignoreLabel the label value marking a position that adds nothing to L (PyTorch's ignore_index)
 */
public record LossSpec(Reduction reduction, int ignoreLabel) {

    /** PyTorch's default ignore index. */
    public static final int DEFAULT_IGNORE = -100;

    /** Sum over tokens, ignore label −100: the seed's loss. */
    public static final LossSpec SUM = new LossSpec(Reduction.SUM, DEFAULT_IGNORE);

    /** Mean over labelled tokens, ignore label −100. */
    public static final LossSpec MEAN = new LossSpec(Reduction.MEAN, DEFAULT_IGNORE);

    public LossSpec {
        if (reduction == null) {
            throw new IllegalArgumentException("LossSpec: reduction must be set");
        }
    }
}
