package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.List;

/**
 * Hyper-parameters of {@link Adagrad} ({@code torch.optim.Adagrad}); validated on construction.
 *
 * @param lr                      learning rate
 * @param lrDecay                 learning rate decay: step t uses lr / (1 + (t−1)·lrDecay)
 * @param weightDecay             L2 penalty λ added to the gradient as λθ
 * @param initialAccumulatorValue starting value of the squared-gradient sum
 * @param eps                     added to the square root of the sum
 */
public record AdagradConfig(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps)
        implements OptimizerConfig {

    public AdagradConfig {
        String owner = "AdagradConfig";
        Check.nonNegative(owner, "lr", lr);
        Check.nonNegative(owner, "lrDecay", lrDecay);
        Check.nonNegative(owner, "weightDecay", weightDecay);
        Check.nonNegative(owner, "initialAccumulatorValue", initialAccumulatorValue);
        Check.nonNegative(owner, "eps", eps);
    }

    /** A builder with PyTorch's defaults: lr 0.01, no lr decay, no weight decay, accumulator 0, eps 1e-10. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Adagrad create(List<Param<float[]>> params) {
        return new Adagrad(this, params);
    }

    /** Builds an {@link AdagradConfig}; the one place where its defaults live. */
    public static final class Builder {
        private double lr = 1e-2;
        private double lrDecay;
        private double weightDecay;
        private double initialAccumulatorValue;
        private double eps = 1e-10;

        private Builder() {
        }

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder lrDecay(double lrDecay) {
            this.lrDecay = lrDecay;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder initialAccumulatorValue(double value) {
            this.initialAccumulatorValue = value;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Validates and builds. */
        public AdagradConfig build() {
            return new AdagradConfig(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
        }
    }
}
