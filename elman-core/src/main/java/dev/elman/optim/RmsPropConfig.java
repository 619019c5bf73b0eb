package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.List;

/**
 * Hyper-parameters of {@link RmsProp} ({@code torch.optim.RMSprop}); validated on construction.
 *
 * @param lr          learning rate
 * @param alpha       smoothing constant of the squared-gradient average, in [0, 1]
 * @param eps         added to the root of the average
 * @param weightDecay L2 penalty λ added to the gradient as λθ
 * @param momentum    momentum factor, 0 for none
 * @param centered    normalise by an estimate of the gradient's variance instead of its second moment
 */
public record RmsPropConfig(double lr, double alpha, double eps, double weightDecay, double momentum,
                            boolean centered) implements OptimizerConfig {

    public RmsPropConfig {
        String owner = "RmsPropConfig";
        Check.nonNegative(owner, "lr", lr);
        Check.unitClosed(owner, "alpha", alpha);
        Check.nonNegative(owner, "eps", eps);
        Check.nonNegative(owner, "weightDecay", weightDecay);
        Check.nonNegative(owner, "momentum", momentum);
    }

    /** A builder with PyTorch's defaults: lr 0.01, alpha 0.99, eps 1e-8, no weight decay, no momentum, uncentered. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RmsProp create(List<Param<float[]>> params) {
        return new RmsProp(this, params);
    }

    /** Builds an {@link RmsPropConfig}; the one place where its defaults live. */
    public static final class Builder {
        private double lr = 1e-2;
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double weightDecay;
        private double momentum;
        private boolean centered;

        private Builder() {
        }

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

        /** Validates and builds. */
        public RmsPropConfig build() {
            return new RmsPropConfig(lr, alpha, eps, weightDecay, momentum, centered);
        }
    }
}
