package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.List;

/**
 * Hyper-parameters of {@link Sgd} ({@code torch.optim.SGD}); validated on construction.
 *
 * @param lr          learning rate (required: PyTorch's SGD has no default)
 * @param momentum    momentum factor μ, 0 for none
 * @param dampening   dampening τ of the momentum buffer update, in [0, 1]
 * @param nesterov    Nesterov momentum (needs momentum > 0 and dampening 0)
 * @param weightDecay L2 penalty λ added to the gradient as λθ
 */
public record SgdConfig(double lr, double momentum, double dampening, boolean nesterov, double weightDecay)
        implements OptimizerConfig {

    public SgdConfig {
        String owner = "SgdConfig";
        Check.require(!Double.isNaN(lr), owner, "lr must be set (SGD has no default learning rate)");
        Check.nonNegative(owner, "lr", lr);
        Check.nonNegative(owner, "momentum", momentum);
        Check.unitClosed(owner, "dampening", dampening);
        Check.nonNegative(owner, "weightDecay", weightDecay);
        Check.require(!nesterov || (momentum > 0 && dampening == 0), owner,
                "nesterov needs momentum > 0 and dampening 0, got momentum=" + momentum + ", dampening=" + dampening);
    }

    /** A builder with PyTorch's defaults (no momentum, no dampening, no weight decay); the learning rate is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Sgd create(List<Param<float[]>> params) {
        return new Sgd(this, params);
    }

    /** Builds an {@link SgdConfig}; the one place where its defaults live. */
    public static final class Builder {
        private double lr = Double.NaN;
        private double momentum;
        private double dampening;
        private boolean nesterov;
        private double weightDecay;

        private Builder() {
        }

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder dampening(double dampening) {
            this.dampening = dampening;
            return this;
        }

        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Validates and builds. */
        public SgdConfig build() {
            return new SgdConfig(lr, momentum, dampening, nesterov, weightDecay);
        }
    }
}
