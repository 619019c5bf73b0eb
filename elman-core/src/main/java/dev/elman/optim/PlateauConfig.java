package dev.elman.optim;

/**
 * Settings of {@link ReduceLrOnPlateau} (PyTorch's {@code ReduceLROnPlateau}); validated on construction.
 *
 * @param mode          whether the metric should go down ({@link Mode#MIN}, e.g. a loss) or up
 * @param factor        multiplies the rate on a reduction, in [0, 1)
 * @param patience      number of epochs without improvement tolerated before reducing
 * @param threshold     how much better than the best a metric must be to count as an improvement
 * @param thresholdMode whether {@code threshold} is relative to the best or absolute
 * @param cooldown      epochs after a reduction during which bad epochs are not counted
 * @param minLr         lower bound of the rate
 * @param eps           reductions smaller than this are skipped
 */
public record PlateauConfig(Mode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
                            int cooldown, double minLr, double eps) {

    /** The direction in which the metric improves. */
    public enum Mode { MIN, MAX }

    /** How the improvement threshold is applied. */
    public enum ThresholdMode {
        /** Better than best·(1 − threshold) in MIN mode, best·(1 + threshold) in MAX mode. */
        REL,
        /** Better than best − threshold in MIN mode, best + threshold in MAX mode. */
        ABS
    }

    public PlateauConfig {
        String owner = "PlateauConfig";
        Check.require(mode != null && thresholdMode != null, owner, "mode and thresholdMode must be set");
        Check.unitOpen(owner, "factor", factor);
        Check.require(patience >= 0, owner, "patience must be >= 0, got " + patience);
        Check.nonNegative(owner, "threshold", threshold);
        Check.require(cooldown >= 0, owner, "cooldown must be >= 0, got " + cooldown);
        Check.nonNegative(owner, "minLr", minLr);
        Check.nonNegative(owner, "eps", eps);
    }

    /** A builder with PyTorch's defaults: MIN, factor 0.1, patience 10, threshold 1e-4 REL, no cooldown, minLr 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PlateauConfig}; the one place where its defaults live. */
    public static final class Builder {
        private Mode mode = Mode.MIN;
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private ThresholdMode thresholdMode = ThresholdMode.REL;
        private int cooldown;
        private double minLr;
        private double eps = 1e-8;

        private Builder() {
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder factor(double factor) {
            this.factor = factor;
            return this;
        }

        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        public Builder threshold(double threshold, ThresholdMode thresholdMode) {
            this.threshold = threshold;
            this.thresholdMode = thresholdMode;
            return this;
        }

        public Builder cooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        public Builder minLr(double minLr) {
            this.minLr = minLr;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Validates and builds. */
        public PlateauConfig build() {
            return new PlateauConfig(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }
    }
}
