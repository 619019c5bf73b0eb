package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.List;

/**
 * Hyper-parameters of {@link Adam}: {@code torch.optim.Adam}, or {@code torch.optim.AdamW} when the weight decay is
 * decoupled; validated on construction.
 *
 * @param lr          learning rate
 * @param beta1       decay of the first-moment average, in [0, 1)
 * @param beta2       decay of the second-moment average, in [0, 1)
 * @param eps         added to the bias-corrected root of the second moment
 * @param weightDecay Adam: L2 penalty λ added to the gradient as λθ; AdamW: θ is first scaled by 1 − lr·λ
 * @param amsgrad     normalise by the running maximum of the second moment (AMSGrad)
 * @param decoupled   AdamW's decoupled weight decay
 */
public record AdamConfig(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
                         boolean decoupled) implements OptimizerConfig {

    public AdamConfig {
        String owner = decoupled ? "AdamWConfig" : "AdamConfig";
        Check.nonNegative(owner, "lr", lr);
        Check.unitOpen(owner, "beta1", beta1);
        Check.unitOpen(owner, "beta2", beta2);
        Check.nonNegative(owner, "eps", eps);
        Check.nonNegative(owner, "weightDecay", weightDecay);
    }

    /** A builder with {@code torch.optim.Adam}'s defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Builder builder() {
        return new Builder(false, 0);
    }

    /** A builder with {@code torch.optim.AdamW}'s defaults: as Adam, with decoupled weight decay 1e-2. */
    public static Builder adamWBuilder() {
        return new Builder(true, 1e-2);
    }

    @Override
    public Adam create(List<Param<float[]>> params) {
        return new Adam(this, params);
    }

    /** Builds an {@link AdamConfig}; the one place where Adam's and AdamW's defaults live. */
    public static final class Builder {
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;
        private boolean amsgrad;
        private final boolean decoupled;

        private Builder(boolean decoupled, double weightDecay) {
            this.decoupled = decoupled;
            this.weightDecay = weightDecay;
        }

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
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

        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        /** Validates and builds. */
        public AdamConfig build() {
            return new AdamConfig(lr, beta1, beta2, eps, weightDecay, amsgrad, decoupled);
        }
    }
}
