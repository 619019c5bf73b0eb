package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.List;

/**
 * Adam and AdamW as {@code torch.optim.Adam} / {@code torch.optim.AdamW}. At step t: Adam uses d = g + λθ, AdamW
 * scales θ by 1 − lr·λ and uses d = g; then m = β₁m + (1−β₁)d; v = β₂v + (1−β₂)d²; with AMSGrad v̂ = max(v̂, v)
 * replaces v below; θ −= lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε).
 *
 * <p>State slots: {@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with AMSGrad.
 */
public final class Adam extends Optimizer {
    private final AdamConfig config;

    Adam(AdamConfig config, List<Param<float[]>> params) {
        super(params, config.lr(), config.amsgrad()
                ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq") : List.of("exp_avg", "exp_avg_sq"));
        this.config = config;
    }

    public AdamConfig config() {
        return config;
    }

    @Override
    void update(int index, float[] w, float[] g, int from, int to) {
        float[] m = slot(0, index);
        float[] v = slot(1, index);
        float[] vMax = config.amsgrad() ? slot(2, index) : null;
        double lr = learningRate();
        long t = stepCount();
        boolean decoupled = config.decoupled();
        float wd = decoupled ? 0f : (float) config.weightDecay();
        float shrink = (float) (1 - lr * config.weightDecay());
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        float oneMinusB1 = (float) (1 - config.beta1());
        float oneMinusB2 = (float) (1 - config.beta2());
        float eps = (float) config.eps();
        float negStepSize = (float) -(lr / (1 - Math.pow(config.beta1(), t)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(config.beta2(), t));
        for (int j = from; j < to; j++) {
            if (decoupled) {
                w[j] = w[j] * shrink;
            }
            float d = wd != 0 ? g[j] + wd * w[j] : g[j];
            m[j] = m[j] * b1 + oneMinusB1 * d;
            v[j] = v[j] * b2 + oneMinusB2 * d * d;
            float second = v[j];
            if (vMax != null) {
                vMax[j] = Math.max(vMax[j], v[j]);
                second = vMax[j];
            }
            float denom = (float) Math.sqrt(second) / bc2Sqrt + eps;
            w[j] = w[j] + negStepSize * m[j] / denom;
        }
    }
}
